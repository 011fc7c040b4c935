package dev.openpsi.cloudlinkdaemon.journal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.openpsi.cloudlinkdaemon.config.Ticker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the journal to {@code openpsi.journal.retention} (default 30 days): a purge on its own
 * scheduler thread every {@code openpsi.journal.purge-interval}, deleting in short chunks.
 */
@ApplicationScoped
public class JournalRetention {

    private static final Logger LOG = Logger.getLogger(JournalRetention.class);
    private static final String PURGE = """
            delete from journal_event where id in (
                select id from journal_event where received_at < $1 order by received_at limit $2)
            """;

    private final Pool pool;
    private final JournalConfig config;
    private final Counter purged;
    private Ticker ticker;

    public JournalRetention(Pool pool, JournalConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.purged = Counter.builder("openpsi.journal.purged").description("journal rows removed by retention")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        long every = Math.max(1_000, config.purgeInterval().toMillis());
        ticker = Ticker.start("openpsi-journal-retention", Duration.ofMillis(Math.min(every, 60_000)),
                Duration.ofMillis(every), this::purgeQuietly);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.close();
        }
    }

    /** Deletes every row received before now minus the retention; returns how many. Blocks: not on an event loop. */
    public long purge() {
        return purgeOlderThan(config.retention());
    }

    long purgeOlderThan(Duration retention) {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
        long total = 0;
        while (true) {
            int deleted = pool.preparedQuery(PURGE).execute(Tuple.of(cutoff, config.purgeChunk()))
                    .map(rows -> rows.rowCount()).await().atMost(Duration.ofMinutes(2));
            total += deleted;
            purged.increment(deleted);
            if (deleted < config.purgeChunk()) {
                return total;
            }
        }
    }

    private void purgeQuietly() {
        try {
            long deleted = purge();
            if (deleted > 0) {
                LOG.infof("journal retention removed %d rows older than %s", deleted, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("journal retention failed: %s (next run in %s)", e.getMessage(), config.purgeInterval());
        }
    }
}
