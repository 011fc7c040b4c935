package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/** A licence was taken back from a user: it no longer consumes it (the vendor keeps consuming one). */
public record LicenseRevoked(String account, String email, String license) implements EventPayload {
}
