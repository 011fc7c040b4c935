package dev.openpsi.osvadapter;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import dev.openpsi.events.payload.registration.SipTransport;

/**
 * An SBC "Zoom configuration" (DOMAIN.md "SBC side") as sbc-adapter last published it. Owned by
 * sbc-adapter: this service only keeps a copy, written by the consumer of
 * {@code SbcConfigurationChanged} (table from db/migration V1), and reads it.
 */
@Entity
@Immutable
@Table(name = "sbc_configuration")
@IdClass(SbcConfiguration.Key.class)
public class SbcConfiguration {

    @Id
    public String account;

    /** sbc-adapter's id of the configuration. */
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** IP address or FQDN of the SBC access interface. */
    @Column(nullable = false)
    public String host;

    @Column(nullable = false)
    public int port;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SipTransport protocol;

    /** Deleted in the SBC management: kept with its last state, but no new Zoom user may use it. */
    @Column(nullable = false)
    public boolean deleted;

    /** ce_time of the event this state comes from. */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    protected SbcConfiguration() {
    }

    /** The primary key: the configuration id within its account. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public String account;
        public String id;

        public Key() {
        }

        public Key(String account, String id) {
            this.account = account;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key that && Objects.equals(account, that.account) && Objects.equals(id, that.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(account, id);
        }
    }
}
