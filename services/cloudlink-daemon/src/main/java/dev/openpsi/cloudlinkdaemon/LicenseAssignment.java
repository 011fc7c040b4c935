package dev.openpsi.cloudlinkdaemon;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A licence of the account's licence database held by one CloudLink user (table from V2). */
@Entity
@Table(name = "license_assignment")
public class LicenseAssignment {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(nullable = false, updatable = false)
    public String license;

    @Column(name = "assigned_at", nullable = false, updatable = false)
    public Instant assignedAt;

    protected LicenseAssignment() {
    }

    public static LicenseAssignment of(UUID userId, String license, Instant now) {
        LicenseAssignment assignment = new LicenseAssignment();
        assignment.id = UUID.randomUUID();
        assignment.userId = userId;
        assignment.license = license;
        assignment.assignedAt = now;
        return assignment;
    }
}
