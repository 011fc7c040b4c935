package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/** A user was removed from the CloudLink user database of the account (its Zoom user was deleted). */
public record CloudLinkUserRemoved(String account, String email, String clUserId) implements EventPayload {
}
