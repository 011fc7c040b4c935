package dev.openpsi.security;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Scrubs credentials from every log line before it is written ({@code quarkus.log.console.filter=openpsi-secrets}):
 * the safety net for a secret that reached a message or an exception text despite {@link Secret}.
 */
@LoggingFilter(name = "openpsi-secrets")
public final class SecretLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message != null) {
            Object[] params = record.getParameters();
            if (params != null) {
                Object[] scrubbed = new Object[params.length];
                for (int i = 0; i < params.length; i++) {
                    scrubbed[i] = params[i] instanceof String s ? Redactor.scrub(s)
                            : params[i] instanceof Record r ? Redactor.toString(r) : params[i];
                }
                record.setParameters(scrubbed);
            }
            record.setMessage(Redactor.scrub(message));
        }
        return true;
    }
}
