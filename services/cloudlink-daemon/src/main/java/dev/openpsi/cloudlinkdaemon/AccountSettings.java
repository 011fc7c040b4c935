package dev.openpsi.cloudlinkdaemon;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.ColumnTransformer;

/**
 * The PBX system settings of one account (table from db/migration V11). The sections are stored
 * as JSON text in jsonb columns: the casts keep Hibernate on plain strings (the inner text cast
 * matters - bound to a jsonb parameter, the PostgreSQL client would store a string as a JSON string
 * value). The location provider's secret is stored only sealed. Values are checked by the settings API before they get here.
 */
@Entity
@Table(name = "account_settings")
public class AccountSettings {

    @Id
    public String account;

    @Column(name = "voicemail_pilot")
    public String voicemailPilot;

    @Column(name = "feature_codes")
    @ColumnTransformer(read = "feature_codes::text", write = "cast(cast(? as text) as jsonb)")
    public String featureCodes;

    @Column(name = "emergency_numbers")
    @ColumnTransformer(read = "emergency_numbers::text", write = "cast(cast(? as text) as jsonb)")
    public String emergencyNumbers;

    /** The provider without its secret. */
    @Column(name = "location_provider")
    @ColumnTransformer(read = "location_provider::text", write = "cast(cast(? as text) as jsonb)")
    public String locationProvider;

    /** Sealed by SecretCipher; never returned, logged or published. */
    @Column(name = "location_provider_secret")
    public String locationProviderSecret;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public Long version;

    protected AccountSettings() {
    }

    public AccountSettings(String account) {
        this.account = account;
    }

    @Override
    public String toString() {
        // the sealed secret stays out of log lines too
        return "AccountSettings[account=" + account + ", version=" + version + "]";
    }
}
