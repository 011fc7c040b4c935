package dev.openpsi.events.payload.provisioning;

import java.util.Objects;

/**
 * The SIP digest account of the subscriber a Zoom user is linked to, as the Zoom side needs it for
 * the user's SIP phones. The password never travels in clear: it is sealed for its one recipient
 * (zoom-sync) with {@code SecretCipher} under a transit key shared only by osv-adapter and zoom-sync,
 * and {@link #sealingContext} binds account and email as GCM additional data, so a sealed value
 * copied into another user's event does not open.
 *
 * @param realm          the SIP realm (digest domain)
 * @param userName       the SIP digest user name (authorization name)
 * @param sealedPassword {@code v1.<kid>.…} as {@code SecretCipher.seal} writes it, never the password
 */
public record SipAccount(String realm, String userName, String sealedPassword) {

    /** The only service holding the transit key the password is sealed with. */
    public static final String RECIPIENT = "zoom-sync";

    /** The event field the sealed password travels in; part of the sealing context. */
    public static final String FIELD = "sipAccount.sealedPassword";

    public SipAccount {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(sealedPassword, "sealedPassword");
    }

    /** The additional data the password is sealed under: the user's account and email and the field. */
    public static String sealingContext(String account, String email) {
        return "openpsi.provisioning/" + account + "/" + email + "/" + FIELD;
    }

    @Override
    public String toString() {
        return "SipAccount[realm=" + realm + ", userName=" + userName + ", sealedPassword=(sealed)]";
    }
}
