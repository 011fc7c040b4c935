package dev.openpsi.events.payload.telephony;

import dev.openpsi.events.payload.EventPayload;

/** Do Not Disturb of a subscriber was switched on or off. */
public record DoNotDisturbChanged(String account, String dn, boolean enabled) implements EventPayload {
}
