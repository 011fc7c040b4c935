package dev.openpsi.cloudlinkdaemon;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user of an account's CloudLink user database, identified across systems by its email (table from V2). */
@Entity
@Table(name = "cloudlink_user")
public class CloudLinkUser {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String account;

    @Column(nullable = false, updatable = false)
    public String email;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected CloudLinkUser() {
    }

    public static CloudLinkUser create(String account, String email, String firstName, String lastName, Instant now) {
        CloudLinkUser user = new CloudLinkUser();
        user.id = UUID.randomUUID();
        user.account = account;
        user.email = email;
        user.firstName = firstName;
        user.lastName = lastName;
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }

    /** Takes the PBX side's names; true when they changed. */
    public boolean rename(String first, String last, Instant now) {
        if (first.equals(firstName) && last.equals(lastName)) {
            return false;
        }
        firstName = first;
        lastName = last;
        updatedAt = now;
        return true;
    }
}
