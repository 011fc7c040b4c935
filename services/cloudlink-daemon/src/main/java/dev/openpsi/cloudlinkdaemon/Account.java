package dev.openpsi.cloudlinkdaemon;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A CloudLink account (tenant): a partner, or a customer account created by a partner (its parent).
 * The id is the {@code account} claim of the account's users' tokens (table from db/migration V1).
 */
@Entity
@Table(name = "account")
public class Account {

    /** Lowercase letters, digits and hyphens, 2 to 63 characters, not starting with a hyphen. */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{1,62}";
    public static final int NAME_MAX_LENGTH = 200;

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public AccountType type;

    /** The partner that created this customer account; null for partners. */
    @Column(name = "parent_id", updatable = false)
    public String parentId;

    @Column(name = "integrations_enabled", nullable = false)
    public boolean integrationsEnabled;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public Long version;

    protected Account() {
    }

    /** A new customer account of {@code partnerId}, integrations off. */
    public static Account customer(String id, String name, String partnerId, Instant now) {
        Account account = new Account();
        account.id = id;
        account.name = name;
        account.type = AccountType.CUSTOMER;
        account.parentId = partnerId;
        account.integrationsEnabled = false;
        account.createdAt = now;
        account.updatedAt = now;
        return account;
    }

    public boolean isPartner() {
        return type == AccountType.PARTNER;
    }

    /** Renames the account; returns whether anything changed. */
    public boolean rename(String newName, Instant now) {
        if (newName.equals(name)) {
            return false;
        }
        name = newName;
        updatedAt = now;
        return true;
    }

    /** Switches integrations on or off; returns whether anything changed. Callers check the partner rule first. */
    public boolean integrations(boolean enabled, Instant now) {
        if (enabled == integrationsEnabled) {
            return false;
        }
        integrationsEnabled = enabled;
        updatedAt = now;
        return true;
    }
}
