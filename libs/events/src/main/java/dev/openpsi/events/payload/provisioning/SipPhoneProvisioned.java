package dev.openpsi.events.payload.provisioning;

import dev.openpsi.events.payload.EventPayload;

/**
 * The Zoom SIP phone(s) for a user exist. SIP credentials never travel here: Zoom holds them.
 *
 * @param mobilePhoneId the SIP phone of the mobile client instance; null if only the desktop one exists
 */
public record SipPhoneProvisioned(String account, String email, String zoomUserId, String desktopPhoneId,
                                  String mobilePhoneId) implements EventPayload {
}
