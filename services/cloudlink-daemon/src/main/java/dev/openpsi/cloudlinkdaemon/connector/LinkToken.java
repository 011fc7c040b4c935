package dev.openpsi.cloudlinkdaemon.connector;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A one-time token for linking one component to an account (table from V12); only its hash is kept. */
@Entity
@Table(name = "connector_link_token")
public class LinkToken {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String account;

    @Column(name = "token_hash", nullable = false, updatable = false)
    public String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "component_type", nullable = false, updatable = false)
    public ComponentKind componentType;

    @Column(name = "component_name", nullable = false, updatable = false)
    public String componentName;

    @Column(name = "created_by", updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    protected LinkToken() {
    }

    static LinkToken create(String account, String tokenHash, ComponentKind type, String name, String createdBy,
            Instant now, Instant expiresAt) {
        LinkToken token = new LinkToken();
        token.id = UUID.randomUUID();
        token.account = account;
        token.tokenHash = tokenHash;
        token.componentType = type;
        token.componentName = name;
        token.createdBy = createdBy;
        token.createdAt = now;
        token.expiresAt = expiresAt;
        return token;
    }

    /** Why it cannot be exchanged at {@code now}; null when it can. */
    String unusableReason(Instant now) {
        if (usedAt != null) {
            return "the link token was already used; create a new one";
        }
        if (!now.isBefore(expiresAt)) {
            return "the link token expired at " + expiresAt + "; create a new one";
        }
        return null;
    }
}
