package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/**
 * A Zoom user was added in the PBX management and linked to a Zoom-flagged subscriber.
 *
 * @param dn                      the subscriber's E.164 number
 * @param sbcConfigurationId      the SBC "Zoom configuration" the clients register through
 * @param voicemailCallbackNumber E.164 number the client dials for voicemail; null if none is set
 * @param sipAccount              the subscriber's SIP digest account, password sealed for zoom-sync;
 *                                null while the subscriber has no SIP credentials
 */
public record ZoomUserLinked(String account, String email, String firstName, String lastName, String dn,
                             String sbcConfigurationId, String voicemailCallbackNumber, SipAccount sipAccount)
        implements EventPayload {

    /** A link whose subscriber has no SIP credentials (yet). */
    public ZoomUserLinked(String account, String email, String firstName, String lastName, String dn,
                          String sbcConfigurationId, String voicemailCallbackNumber) {
        this(account, email, firstName, lastName, dn, sbcConfigurationId, voicemailCallbackNumber, null);
    }
}
