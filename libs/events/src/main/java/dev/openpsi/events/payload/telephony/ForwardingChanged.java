package dev.openpsi.events.payload.telephony;

import dev.openpsi.events.payload.EventPayload;

/**
 * A call-forwarding feature of a subscriber was switched or re-targeted.
 *
 * @param destination the forwarding target number (E.164 or dialable form); null when none is set
 */
public record ForwardingChanged(String account, String dn, ForwardingType forwardingType, boolean enabled,
                                String destination) implements EventPayload {
}
