package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/** A Zoom user was deleted in the PBX management; openpsi propagates this to Zoom (the vendor does not). */
public record ZoomUserRemoved(String account, String email, String dn) implements EventPayload {
}
