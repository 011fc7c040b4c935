package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/**
 * A linked Zoom user changed in the PBX management (names, number, SBC configuration or voicemail
 * callback), or the SIP credentials of its subscriber changed. The email is immutable, so it
 * identifies the user; the event carries the full new state.
 *
 * @param sipAccount the subscriber's SIP digest account, password sealed for zoom-sync; null if the
 *                   subscriber has no SIP credentials (the Zoom side keeps what it has)
 */
public record ZoomUserUpdated(String account, String email, String firstName, String lastName, String dn,
                              String sbcConfigurationId, String voicemailCallbackNumber, SipAccount sipAccount)
        implements EventPayload {

    /** An update that carries no SIP account. */
    public ZoomUserUpdated(String account, String email, String firstName, String lastName, String dn,
                           String sbcConfigurationId, String voicemailCallbackNumber) {
        this(account, email, firstName, lastName, dn, sbcConfigurationId, voicemailCallbackNumber, null);
    }
}
