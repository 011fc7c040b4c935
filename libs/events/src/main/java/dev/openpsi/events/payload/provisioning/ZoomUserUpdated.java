package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/**
 * A linked Zoom user changed in the PBX management (names, number, SBC configuration or voicemail
 * callback). The email is immutable, so it identifies the user; the event carries the full new state.
 */
public record ZoomUserUpdated(String account, String email, String firstName, String lastName, String dn,
                              String sbcConfigurationId, String voicemailCallbackNumber) implements EventPayload {
}
