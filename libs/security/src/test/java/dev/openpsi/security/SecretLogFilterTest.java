package dev.openpsi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class SecretLogFilterTest {

    @Test
    void printfMessagesKeepTheirParametersAndLoseTheirSecrets() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "consumer %s subscribed to %s (client_secret=%s)",
                ExtLogRecord.FormatStyle.PRINTF, SecretLogFilterTest.class.getName());
        record.setParameters(new Object[] {"openpsi.zoom-sync", "[openpsi.provisioning.v1]", "s3cr3t"});
        assertTrue(new SecretLogFilter().isLoggable(record));
        assertEquals("consumer openpsi.zoom-sync subscribed to [openpsi.provisioning.v1] (client_secret=***)",
                record.getFormattedMessage());
    }

    @Test
    void messageFormatMessagesToo() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "refresh of {0} failed: password={1}",
                ExtLogRecord.FormatStyle.MESSAGE_FORMAT, SecretLogFilterTest.class.getName());
        record.setParameters(new Object[] {"acme", "hunter2"});
        new SecretLogFilter().isLoggable(record);
        assertEquals("refresh of acme failed: password=***", record.getFormattedMessage());
    }
}
