package dev.openpsi.events.mwi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.openpsi.events.payload.mwi.MessageWaitingChanged;

class SimpleMessageSummaryTest {

    @Test
    void rendersTheRfc3842ExampleWithUrgentCounts() {
        SimpleMessageSummary summary = new SimpleMessageSummary(true, "sip:alice@vmail.example.com", 2, 8, 0, 2);

        assertEquals("Messages-Waiting: yes\r\n"
                + "Message-Account: sip:alice@vmail.example.com\r\n"
                + "Voice-Message: 2/8 (0/2)\r\n", summary.render());
        assertEquals(summary, SimpleMessageSummary.parse(summary.render()));
    }

    @Test
    void rendersWithoutUrgentCountsOrAccountWhenUnknown() {
        SimpleMessageSummary summary = SimpleMessageSummary.fromCounts(0, 3, null, null);

        assertEquals("Messages-Waiting: no\r\nVoice-Message: 0/3\r\n", summary.render());
        SimpleMessageSummary parsed = SimpleMessageSummary.parse(summary.render());
        assertEquals(summary, parsed);
        assertFalse(parsed.hasUrgentCounts());
        assertNull(parsed.messageAccount());
    }

    @Test
    void fromCountsLightsTheIndicatorOnlyForNewMessages() {
        assertTrue(SimpleMessageSummary.fromCounts(1, 0, 1, 0).messagesWaiting());
        assertFalse(SimpleMessageSummary.fromCounts(0, 9, 0, 1).messagesWaiting());
    }

    @Test
    void mwiEventRendersItsSummary() {
        MessageWaitingChanged event = new MessageWaitingChanged("acme", "+4989700712345", "anna@acme.example.com",
                4, 1, 1, 0);

        assertEquals("Messages-Waiting: yes\r\nVoice-Message: 4/1 (1/0)\r\n", event.summary().render());
    }

    @Test
    void parsesCrlfBodyIgnoringOtherMessageClassesAndTrailingHeaders() {
        String body = "Messages-Waiting: yes\r\n"
                + "Message-Account: sip:anna@vmail.acme.example.com\r\n"
                + "Voice-Message: 4/8 (1/2)\r\n"
                + "Fax-Message: 2/0\r\n"
                + "\r\n"
                + "To: <anna@acme.example>\r\n"
                + "Subject: Voice-Message: 99/99\r\n";

        SimpleMessageSummary parsed = SimpleMessageSummary.parse(body);

        assertEquals(new SimpleMessageSummary(true, "sip:anna@vmail.acme.example.com", 4, 8, 1, 2), parsed);
    }

    @Test
    void toleratesLfCaseAndWhitespace() {
        String body = "messages-waiting :YES\n"
                + "VOICE-MESSAGE:\t3 / 5 ( 1 / 0 )\n"
                + "fax-message: 1/1\n";

        assertEquals(new SimpleMessageSummary(true, null, 3, 5, 1, 0), SimpleMessageSummary.parse(body));
    }

    @Test
    void aMissingVoiceMessageLineMeansNoVoiceMessages() {
        SimpleMessageSummary parsed = SimpleMessageSummary.parse("Messages-Waiting: yes\r\nFax-Message: 1/0\r\n");

        assertEquals(new SimpleMessageSummary(true, null, 0, 0, null, null), parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                                  | empty",
            "'Voice-Message: 1/0\r\n'                            | no Messages-Waiting",
            "'Messages-Waiting: maybe\r\n'                       | yes or no",
            "'Messages-Waiting: yes\r\nVoice-Message: one/0\r\n' | numeric",
            "'Messages-Waiting: yes\r\nVoice-Message: -1/0\r\n'  | negative",
            "'Messages-Waiting: yes\r\nVoice-Message: 1/0 (1)\r\n' | numeric",
            "'Messages-Waiting: yes\r\nVoice-Message: 99999999999/0\r\n' | too large",
            "'Messages-Waiting: yes\r\nMessages-Waiting: no\r\n' | duplicate",
            "'Messages-Waiting yes\r\n'                          | no colon",
            "'Messages-Waiting: yes\r\nMessage-Account: not a uri\r\n' | Message-Account"})
    void rejectsMalformedBodiesWithAClearMessage(String body, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimpleMessageSummary.parse(body));

        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void constructorRefusesImpossibleSummaries() {
        assertThrows(IllegalArgumentException.class, () -> new SimpleMessageSummary(true, null, -1, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SimpleMessageSummary(true, null, 1, 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new SimpleMessageSummary(true, null, 1, 0, 0, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new SimpleMessageSummary(true, "sip:a@b\r\nX-Injected: 1", 1, 0, null, null));
    }

    @Test
    void mediaTypeIsTheRegisteredOne() {
        assertEquals("application/simple-message-summary", SimpleMessageSummary.MEDIA_TYPE);
    }
}
