package dev.openpsi.sbcadapter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.registration.SipTransport;

/**
 * An SBC "Zoom configuration" of an account (DOMAIN.md "SBC side"): the access interface of the
 * OpenScape SBC (public, or the DMZ firewall) that Zoom clients register to, with its SIP port and
 * transport. TLS is recommended; UDP and TCP are accepted with a warning (table from db/migration V1).
 */
@Entity
@Table(name = "sbc_configuration")
public class SbcConfiguration {

    /** What the SbcConfigurationChanged.v1 contract carries (libs/events schema: name maxLength 64). */
    public static final int NAME_MAX_LENGTH = 64;
    /** The default SIP over TLS port; the SBC hardening advice is a custom port instead. */
    public static final int DEFAULT_TLS_PORT = 5061;
    /** The custom port DOMAIN.md gives as an example. */
    public static final int SUGGESTED_TLS_PORT = 65061;

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String account;

    @Column(nullable = false)
    public String name;

    /** IPv4 address, IPv6 address or FQDN of the SBC access interface ({@link SbcHost}). */
    @Column(nullable = false)
    public String host;

    @Column(nullable = false)
    public int port;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SipTransport protocol;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public Long version;

    protected SbcConfiguration() {
    }

    /** A new configuration of {@code account} with a fresh id. */
    public static SbcConfiguration create(String account, String name, String host, int port, SipTransport protocol,
            Instant now) {
        SbcConfiguration configuration = new SbcConfiguration();
        configuration.id = UUID.randomUUID();
        configuration.account = account;
        configuration.name = name;
        configuration.host = host;
        configuration.port = port;
        configuration.protocol = protocol;
        configuration.createdAt = now;
        configuration.updatedAt = now;
        return configuration;
    }

    /** Replaces every editable attribute (a full update); returns whether anything changed. */
    public boolean replace(String newName, String newHost, int newPort, SipTransport newProtocol, Instant now) {
        if (name.equals(newName) && host.equals(newHost) && port == newPort && protocol == newProtocol) {
            return false;
        }
        name = newName;
        host = newHost;
        port = newPort;
        protocol = newProtocol;
        updatedAt = now;
        return true;
    }

    /** Whether this is the version a client read (optimistic locking of full updates). */
    public boolean isVersion(long expected) {
        return Objects.equals(version, expected);
    }

    /**
     * Advice of the vendor's guide on this configuration, empty when it follows it: TLS rather
     * than UDP or TCP for remote subscribers, and SIP over TLS on a custom port rather than 5061.
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (protocol != SipTransport.TLS) {
            warnings.add(protocol + " is not recommended for remote subscribers: use TLS");
        } else if (port == DEFAULT_TLS_PORT) {
            warnings.add("TLS on the default port " + DEFAULT_TLS_PORT
                    + " is not recommended: harden the SBC with a custom port such as " + SUGGESTED_TLS_PORT);
        }
        return warnings;
    }

    /** The event describing {@code change} of this configuration (a deletion carries the last state). */
    public SbcConfigurationChanged changed(ConfigurationChange change) {
        return new SbcConfigurationChanged(account, id.toString(), name, host, port, protocol, change);
    }
}
