package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/**
 * Provisioning a user failed.
 *
 * @param detail human-readable detail for the admin portal (e.g. the Zoom error text); never a secret
 */
public record ProvisioningFailed(String account, String email, ProvisioningFailureReason reasonCode, String detail)
        implements EventPayload {
}
