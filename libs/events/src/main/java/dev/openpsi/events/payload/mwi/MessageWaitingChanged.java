package dev.openpsi.events.payload.mwi;

import dev.openpsi.events.mwi.SimpleMessageSummary;
import dev.openpsi.events.payload.EventPayload;

/**
 * The voicemail counters of a mailbox changed. openpsi stores these counters (the PBX does not), so
 * a client sees the number of waiting messages at login.
 *
 * @param dn      the subscriber's E.164 number
 * @param mailbox the mailbox email (the cross-system identifier)
 */
public record MessageWaitingChanged(String account, String dn, String mailbox, int newMessages, int oldMessages,
                                    int urgentNew, int urgentOld) implements EventPayload {

    /** The RFC 3842 body a SIP NOTIFY for this mailbox carries. */
    public SimpleMessageSummary summary() {
        return SimpleMessageSummary.fromCounts(newMessages, oldMessages, urgentNew, urgentOld);
    }
}
