package dev.openpsi.security;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Scrubs credentials from every log line before it is written ({@code quarkus.log.console.filter=openpsi-secrets}):
 * the safety net for a secret that reached a message or an exception text despite {@link Secret}.
 * The message is formatted with its parameters first (printf or MessageFormat style, as the
 * logger wrote it), then scrubbed, so placeholders are never left unfilled.
 */
@LoggingFilter(name = "openpsi-secrets")
public final class SecretLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getMessage() == null) {
            return true;
        }
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            ext.setMessage(Redactor.scrub(formatted), ExtLogRecord.FormatStyle.NO_FORMAT);
            ext.setParameters(null);
            return true;
        }
        Object[] params = record.getParameters();
        if (params != null) {
            Object[] scrubbed = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                scrubbed[i] = params[i] instanceof String s ? Redactor.scrub(s)
                        : params[i] instanceof Record r ? Redactor.toString(r) : params[i];
            }
            record.setParameters(scrubbed);
        }
        record.setMessage(Redactor.scrub(record.getMessage()));
        return true;
    }
}
