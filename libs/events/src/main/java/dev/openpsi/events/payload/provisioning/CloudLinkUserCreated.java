package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/** A user was created in the CloudLink user database of the account. */
public record CloudLinkUserCreated(String account, String email, String clUserId, String firstName, String lastName)
        implements EventPayload {
}
