package dev.openpsi.osvadapter.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.osvadapter.SbcConfiguration;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The local copy of the SBC configurations sbc-adapter publishes; pages are keyset pages ordered by id. */
@ApplicationScoped
public class SbcConfigurationRepository implements PanacheRepositoryBase<SbcConfiguration, SbcConfiguration.Key> {

    /**
     * Insert or overwrite with the published state, unless the stored state comes from a newer event
     * (a late redelivery or an old replay never rolls a configuration back). Applying the same event
     * twice changes nothing.
     */
    private static final String UPSERT = """
            insert into sbc_configuration as c (account, id, name, host, port, protocol, deleted, changed_at, updated_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now())
            on conflict (account, id) do update set
                name = excluded.name, host = excluded.host, port = excluded.port, protocol = excluded.protocol,
                deleted = excluded.deleted, changed_at = excluded.changed_at, updated_at = now()
            where c.changed_at <= excluded.changed_at
            """;

    public Uni<SbcConfiguration> find(String account, String id) {
        return findById(new SbcConfiguration.Key(account, id));
    }

    /** Up to {@code size} configurations of {@code account} that are not deleted, with an id after {@code after}. */
    public Uni<List<SbcConfiguration>> pageOfCurrent(String account, String after, int size) {
        return find("account = :account and deleted = false and id > :after", Sort.by("id"),
                Map.of("account", account, "after", after))
                .page(Page.ofSize(size)).list();
    }

    /** Stores the state {@code change} carries, as of {@code changedAt}, in the consumer's transaction. */
    public Uni<Integer> apply(Mutiny.Session session, SbcConfigurationChanged change, Instant changedAt) {
        return session.createNativeQuery(UPSERT)
                .setParameter(1, change.account())
                .setParameter(2, change.sbcConfigurationId())
                .setParameter(3, change.name())
                .setParameter(4, change.host())
                .setParameter(5, change.port())
                .setParameter(6, change.protocol().name())
                .setParameter(7, change.change() == ConfigurationChange.DELETED)
                .setParameter(8, OffsetDateTime.ofInstant(changedAt, ZoneOffset.UTC))
                .executeUpdate();
    }
}
