package dev.openpsi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactorTest {

    record SipCredentials(String realm, String userName, @Secret String password) {
    }

    @Test
    void recordsPrintWithSecretComponentsMasked() {
        String text = Redactor.toString(new SipCredentials("osv.example.com", "4989700712345", "hunter2"));
        assertEquals("SipCredentials[realm=osv.example.com, userName=4989700712345, password=***]", text);
    }

    @Test
    void freeTextLosesItsCredentials() {
        String line = "refresh failed: client_secret=abc123 refresh_token: def456, user=anna "
                + "{\"password\":\"p\\\"w\",\"name\":\"Anna\",\"accessToken\":\"eyJhbGciOi\"} Authorization: Bearer eyJ.x.y";
        String scrubbed = Redactor.scrub(line);
        for (String secret : new String[] {"abc123", "def456", "p\\\"w", "eyJhbGciOi", "eyJ.x.y"}) {
            assertFalse(scrubbed.contains(secret), secret + " leaked: " + scrubbed);
        }
        assertTrue(scrubbed.contains("user=anna"), "ordinary fields stay: " + scrubbed);
        assertTrue(scrubbed.contains("\"name\":\"Anna\""), scrubbed);
    }

    @Test
    void textWithoutCredentialsIsUnchanged() {
        String line = "subscriber +4989700712345 linked to anna@acme.example.com (sbc=Munich, port=65061)";
        assertEquals(line, Redactor.scrub(line));
    }

    @Test
    void thePreCheckLetsThroughEveryShapeTheScrubCatchesInAnyCase() {
        for (String text : new String[] {"PASSWORD=x", "db_passwd: x", "\"clientSecret\":\"x\"", "refresh_TOKEN=x",
            "credentials=x", "Authorization: x", "API-KEY=x", "private_key=x", "bearer abc", "Basic abc"}) {
            assertTrue(Redactor.mayHoldSecret(text), text);
        }
        for (String text : new String[] {null, "", "+4989700712345", "anna@acme.example.com", "ZoomUserLinked",
            "2026-11-22T06:00:00Z"}) {
            assertFalse(Redactor.mayHoldSecret(text), String.valueOf(text));
        }
        assertEquals("PASSWORD=***", Redactor.scrub("PASSWORD=hunter2"));
    }
}
