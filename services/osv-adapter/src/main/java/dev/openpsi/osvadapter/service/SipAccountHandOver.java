package dev.openpsi.osvadapter.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.provisioning.SipAccount;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.osvadapter.Subscriber;
import dev.openpsi.osvadapter.ZoomUser;
import dev.openpsi.security.SecretCipher;
import dev.openpsi.security.TransitCiphers;

/**
 * The subscriber's SIP digest account as the provisioning events hand it to zoom-sync: the password
 * is opened from its at-rest seal and sealed again for zoom-sync only (transit key ring
 * {@code openpsi.secrets.transit.zoom-sync}), bound to the Zoom user's account and email. The clear
 * password exists only in memory for that moment.
 */
@ApplicationScoped
public class SipAccountHandOver {

    private final SecretCipher atRest;
    private final SecretCipher forZoomSync;

    public SipAccountHandOver(SecretCipher atRest, TransitCiphers transit) {
        this.atRest = atRest;
        this.forZoomSync = transit.forRecipient(SipAccount.RECIPIENT);
    }

    /** The SIP account for Zoom user {@code email}; null while the subscriber has no SIP credentials. */
    public SipAccount of(Subscriber subscriber, String email) {
        if (subscriber == null || !subscriber.hasSipCredentials() || subscriber.sipPasswordSealed == null) {
            return null;
        }
        String password = atRest.open(subscriber.sipPasswordSealed, subscriber.passwordContext());
        return new SipAccount(subscriber.sipRealm, subscriber.sipUserName,
                forZoomSync.seal(password, SipAccount.sealingContext(subscriber.account, email)));
    }

    /** ZoomUserUpdated with the full state of {@code user} and the SIP account of its subscriber. */
    PendingEvent<ZoomUserUpdated> zoomUserUpdated(ZoomUser user, Subscriber subscriber) {
        return PendingEvent.of(EventTypes.ZOOM_USER_UPDATED, new ZoomUserUpdated(user.account, user.email,
                user.firstName, user.lastName, user.dn, user.sbcConfigurationId, user.voicemailCallbackNumber,
                of(subscriber, user.email)));
    }

    /** Whether the SIP account a Zoom user gets from this subscriber differs between the two states. */
    static boolean changed(String realmBefore, String userNameBefore, String sealedBefore, Subscriber after) {
        return !java.util.Objects.equals(realmBefore, after.sipRealm)
                || !java.util.Objects.equals(userNameBefore, after.sipUserName)
                || !java.util.Objects.equals(sealedBefore, after.sipPasswordSealed);
    }
}
