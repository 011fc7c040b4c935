package dev.openpsi.osvadapter;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A Zoom user as the PBX manager sees it ("Zoom > Users", DOMAIN.md "PBX side"): identified by its
 * email, which is unique within the account and immutable; linked to one Zoom-flagged subscriber
 * and to one SBC configuration (table from db/migration V3).
 */
@Entity
@Table(name = "zoom_user")
@IdClass(ZoomUser.Key.class)
public class ZoomUser {

    /**
     * An email address as the event schemas accept it once lowercased: something, '@', a dotted
     * domain, no white space (any Unicode white space, so the database check agrees too). Input may
     * carry upper case; it is stored lowercase.
     */
    public static final String EMAIL_PATTERN = "(?U)[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    public static final String EMAIL_MESSAGE = "must be an email address like jane.doe@acme.example";
    public static final int EMAIL_MAX_LENGTH = 254;
    public static final int NAME_MAX_LENGTH = 64;

    @Id
    public String account;

    /** Lowercase; never changes. */
    @Id
    public String email;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    @Column(nullable = false)
    public String dn;

    @Column(name = "sbc_configuration_id", nullable = false)
    public String sbcConfigurationId;

    @Column(name = "voicemail_callback_number")
    public String voicemailCallbackNumber;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public Long version;

    protected ZoomUser() {
    }

    public static ZoomUser create(String account, String email, String firstName, String lastName, String dn,
            String sbcConfigurationId, String voicemailCallbackNumber, Instant now) {
        ZoomUser user = new ZoomUser();
        user.account = account;
        user.email = email;
        user.firstName = firstName;
        user.lastName = lastName;
        user.dn = dn;
        user.sbcConfigurationId = sbcConfigurationId;
        user.voicemailCallbackNumber = voicemailCallbackNumber;
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }

    /** Applies everything but the email; returns whether anything changed. */
    public boolean change(String newFirstName, String newLastName, String newDn, String newSbcConfigurationId,
            String newVoicemailCallbackNumber, Instant now) {
        if (newFirstName.equals(firstName) && newLastName.equals(lastName) && newDn.equals(dn)
                && newSbcConfigurationId.equals(sbcConfigurationId)
                && Objects.equals(newVoicemailCallbackNumber, voicemailCallbackNumber)) {
            return false;
        }
        firstName = newFirstName;
        lastName = newLastName;
        dn = newDn;
        sbcConfigurationId = newSbcConfigurationId;
        voicemailCallbackNumber = newVoicemailCallbackNumber;
        updatedAt = now;
        return true;
    }

    /** The primary key: the email within its account. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public String account;
        public String email;

        public Key() {
        }

        public Key(String account, String email) {
            this.account = account;
            this.email = email;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key that && Objects.equals(account, that.account) && Objects.equals(email, that.email);
        }

        @Override
        public int hashCode() {
            return Objects.hash(account, email);
        }
    }
}
