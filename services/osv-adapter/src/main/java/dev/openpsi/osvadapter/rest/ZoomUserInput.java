package dev.openpsi.osvadapter.rest;

import java.util.Locale;

import dev.openpsi.osvadapter.service.ZoomUserDraft;

/** What adding and editing a Zoom user have in common. */
interface ZoomUserInput {

    /** How an identifier is compared and stored: the event schemas want lowercase emails. */
    static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    String email();

    String firstName();

    String lastName();

    String sbcConfigurationId();

    String dn();

    String voicemailCallbackNumber();

    default ZoomUserDraft toDraft() {
        return new ZoomUserDraft(normalizeEmail(email()), firstName().strip(), lastName().strip(), sbcConfigurationId(),
                dn(), voicemailCallbackNumber());
    }
}
