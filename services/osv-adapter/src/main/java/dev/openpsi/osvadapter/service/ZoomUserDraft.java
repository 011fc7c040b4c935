package dev.openpsi.osvadapter.service;

/**
 * A Zoom user as the PBX manager enters it ("Zoom > Users > Add"), already checked for syntax.
 *
 * @param email                   lowercase; on an update null (or the user's own email) since it cannot change
 * @param voicemailCallbackNumber E.164, or null for none
 */
public record ZoomUserDraft(String email, String firstName, String lastName, String sbcConfigurationId, String dn,
                            String voicemailCallbackNumber) {
}
