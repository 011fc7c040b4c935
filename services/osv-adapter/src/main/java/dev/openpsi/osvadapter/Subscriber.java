package dev.openpsi.osvadapter;

import java.io.Serializable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.openpsi.events.payload.telephony.ForwardingType;

/**
 * An OpenScape Voice subscriber (DOMAIN.md "PBX side"): a directory number in E.164, unique within
 * its account, with the Zoom attributes ({@code zoomUser} flag, registration via the central SBC),
 * SIP digest credentials whose password is only ever stored sealed, and the features a Zoom client
 * uses: Do Not Disturb and call forwarding per type (table from db/migration V2).
 */
@Entity
@Table(name = "subscriber")
@IdClass(Subscriber.Key.class)
public class Subscriber {

    /** E.164 with leading '+': country code first, 7 to 15 digits. */
    public static final String DN_PATTERN = "\\+[1-9][0-9]{6,14}";
    public static final String DN_MESSAGE = "must be an E.164 number with leading '+', e.g. +4989700712345";
    public static final int SIP_FIELD_MAX_LENGTH = 128;

    @Id
    public String account;

    @Id
    public String dn;

    @Column(name = "zoom_user", nullable = false)
    public boolean zoomUser;

    @Column(name = "registration_via_central_sbc", nullable = false)
    public boolean registrationViaCentralSbc;

    @Column(name = "sip_realm")
    public String sipRealm;

    @Column(name = "sip_user_name")
    public String sipUserName;

    /** {@code SecretCipher.seal(password, passwordContext())}; never the password itself. */
    @Column(name = "sip_password_sealed")
    public String sipPasswordSealed;

    @Column(name = "do_not_disturb", nullable = false)
    public boolean doNotDisturb;

    @Embedded
    @AttributeOverride(name = "enabled", column = @Column(name = "cf_unconditional_enabled"))
    @AttributeOverride(name = "destination", column = @Column(name = "cf_unconditional_destination"))
    @AttributeOverride(name = "endpointControlAllowed", column = @Column(name = "cf_unconditional_endpoint_control"))
    Forwarding unconditional;

    @Embedded
    @AttributeOverride(name = "enabled", column = @Column(name = "cf_busy_enabled"))
    @AttributeOverride(name = "destination", column = @Column(name = "cf_busy_destination"))
    @AttributeOverride(name = "endpointControlAllowed", column = @Column(name = "cf_busy_endpoint_control"))
    Forwarding busy;

    @Embedded
    @AttributeOverride(name = "enabled", column = @Column(name = "cf_no_reply_enabled"))
    @AttributeOverride(name = "destination", column = @Column(name = "cf_no_reply_destination"))
    @AttributeOverride(name = "endpointControlAllowed", column = @Column(name = "cf_no_reply_endpoint_control"))
    Forwarding noReply;

    @Embedded
    @AttributeOverride(name = "enabled", column = @Column(name = "cf_voicemail_enabled"))
    @AttributeOverride(name = "destination", column = @Column(name = "cf_voicemail_destination"))
    @AttributeOverride(name = "endpointControlAllowed", column = @Column(name = "cf_voicemail_endpoint_control"))
    Forwarding voicemail;

    @Embedded
    @AttributeOverride(name = "enabled", column = @Column(name = "cf_internal_enabled"))
    @AttributeOverride(name = "destination", column = @Column(name = "cf_internal_destination"))
    @AttributeOverride(name = "endpointControlAllowed", column = @Column(name = "cf_internal_endpoint_control"))
    Forwarding internal;

    @Embedded
    @AttributeOverride(name = "enabled", column = @Column(name = "cf_external_enabled"))
    @AttributeOverride(name = "destination", column = @Column(name = "cf_external_destination"))
    @AttributeOverride(name = "endpointControlAllowed", column = @Column(name = "cf_external_endpoint_control"))
    Forwarding external;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public Long version;

    protected Subscriber() {
    }

    /** A new subscriber of {@code account}: no Zoom flag, no credentials, every feature off. */
    public static Subscriber create(String account, String dn, Instant now) {
        Subscriber subscriber = new Subscriber();
        subscriber.account = account;
        subscriber.dn = dn;
        for (ForwardingType type : ForwardingType.values()) {
            subscriber.forwarding(type, Forwarding.off());
        }
        subscriber.createdAt = now;
        subscriber.updatedAt = now;
        return subscriber;
    }

    /** The context the SIP password is sealed under: a sealed value copied to another row does not open. */
    public static String passwordContext(String account, String dn) {
        return "osv-adapter/subscriber/" + account + "/" + dn + "/sip-password";
    }

    public String passwordContext() {
        return passwordContext(account, dn);
    }

    public boolean hasSipCredentials() {
        return sipRealm != null;
    }

    public Forwarding forwarding(ForwardingType type) {
        Forwarding value = switch (type) {
            case UNCONDITIONAL -> unconditional;
            case BUSY -> busy;
            case NO_REPLY -> noReply;
            case VOICEMAIL -> voicemail;
            case INTERNAL -> internal;
            case EXTERNAL -> external;
        };
        return value == null ? Forwarding.off() : value;
    }

    public void forwarding(ForwardingType type, Forwarding value) {
        Objects.requireNonNull(value, "value");
        switch (type) {
            case UNCONDITIONAL -> unconditional = value;
            case BUSY -> busy = value;
            case NO_REPLY -> noReply = value;
            case VOICEMAIL -> voicemail = value;
            case INTERNAL -> internal = value;
            case EXTERNAL -> external = value;
            default -> throw new IllegalArgumentException(String.valueOf(type));
        }
    }

    /** Every forwarding type with its setting, in the order of {@link ForwardingType}. */
    public Map<ForwardingType, Forwarding> forwardings() {
        Map<ForwardingType, Forwarding> all = new EnumMap<>(ForwardingType.class);
        for (ForwardingType type : ForwardingType.values()) {
            all.put(type, forwarding(type));
        }
        return all;
    }

    /** Forwarding to voicemail is what enables the message waiting indicator and visual voicemail. */
    public boolean messageWaitingIndicator() {
        return forwarding(ForwardingType.VOICEMAIL).enabled();
    }

    /** The primary key: the DN within its account. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public String account;
        public String dn;

        public Key() {
        }

        public Key(String account, String dn) {
            this.account = account;
            this.dn = dn;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key that && Objects.equals(account, that.account) && Objects.equals(dn, that.dn);
        }

        @Override
        public int hashCode() {
            return Objects.hash(account, dn);
        }
    }
}
