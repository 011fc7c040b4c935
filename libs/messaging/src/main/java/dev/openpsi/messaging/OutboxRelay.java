package dev.openpsi.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import dev.openpsi.events.Envelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox events in id order. One relay of a service leads at a time (a
 * transaction-scoped PostgreSQL advisory lock), so replicas never reorder a key's events. A batch
 * is deleted only after Kafka acknowledged all of it, in the same transaction that read it: if the
 * relay dies after publishing and before committing, the batch is published again and consumers
 * drop the copies by event id (exactly-once effects, at-least-once delivery).
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String SELECT = """
            select id, event_id, topic, event_key, ce_type, ce_source, ce_subject, ce_time, account,
                   traceparent, replay_id, replay_of, payload
              from outbox_event order by id limit $1
            """;
    private static final String DELETE = "delete from outbox_event where id = any($1)";

    private final Pool pool;
    private final RecordPublisher publisher;
    private final long lockKey;
    private final int batchSize;
    private final Duration idleWait;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    public OutboxRelay(Pool pool, RecordPublisher publisher, String service, int batchSize, Duration idleWait) {
        this.pool = pool;
        this.publisher = publisher;
        // one lock per service schema: relays of different services never wait for each other
        this.lockKey = UUID.nameUUIDFromBytes(("openpsi-outbox-relay:" + service).getBytes()).getMostSignificantBits();
        this.batchSize = batchSize;
        this.idleWait = idleWait;
    }

    /**
     * Publishes one batch. Completes with the number of events published, 0 when the outbox is
     * empty or another relay leads.
     */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select pg_try_advisory_xact_lock($1) as leader").execute(Tuple.of(lockKey))
                .chain(rows -> rows.iterator().next().getBoolean("leader")
                        ? publishBatch(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection connection) {
        return connection.preparedQuery(SELECT).execute(Tuple.of(batchSize)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(rows.size());
            List<Long> ids = new ArrayList<>(rows.size());
            for (Row row : rows) {
                records.add(toRecord(row));
                ids.add(row.getLong("id"));
            }
            return Uni.createFrom().completionStage(() -> publisher.publishAll(records))
                    .chain(() -> connection.preparedQuery(DELETE).execute(Tuple.of(ids.toArray(Long[]::new))))
                    .replaceWith(records.size());
        });
    }

    private static ProducerRecord<String, byte[]> toRecord(Row row) {
        Envelope envelope = new Envelope(
                row.getUUID("event_id"),
                row.getString("ce_source"),
                row.getString("ce_type"),
                row.getOffsetDateTime("ce_time").toInstant(),
                row.getString("ce_subject"),
                row.getString("account"),
                row.getString("traceparent"),
                row.getUUID("replay_id"),
                row.getUUID("replay_of"));
        RecordHeaders headers = new RecordHeaders();
        envelope.toHeaders(headers);
        return new ProducerRecord<>(row.getString("topic"), null, row.getString("event_key"),
                row.getBuffer("payload").getBytes(), headers);
    }

    /** Runs the relay on its own thread (never an event loop) until {@link #close()}. */
    public synchronized void start(String threadName) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Duration backoff = idleWait;
        while (running.get()) {
            try {
                int published = relayOnce().await().atMost(Duration.ofSeconds(60));
                backoff = idleWait;
                if (published == 0) {
                    sleep(idleWait);
                }
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                LOG.warnf("outbox relay: %s (retrying in %d ms)", e.getMessage(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
