package dev.openpsi.cloudlinkdaemon.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.openpsi.events.TopicCatalogue;
import dev.openpsi.events.TopicSpec;
import dev.openpsi.messaging.KafkaClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The journal's intake: its own consumer group ({@value JournalConfig#GROUP}) on its own thread,
 * subscribed to every topic of {@link TopicCatalogue#all()}. Each poll becomes one batched insert
 * in one transaction (unique Kafka position, {@code on conflict do nothing}); the offsets move
 * only after that transaction committed. A failure closes the consumer and resumes from the last
 * committed offsets, so nothing is lost and the unique position keeps redeliveries single.
 */
@ApplicationScoped
public class JournalIntake {

    private static final Logger LOG = Logger.getLogger(JournalIntake.class);

    static final String INSERT = """
            insert into journal_event (event_id, topic, kafka_partition, kafka_offset, event_key, account, subject,
                   ce_type, event_name, type_family, ce_source, source_service, ce_time, dlq, dlq_reason, dlq_detail,
                   dlq_original_topic, dlq_original_partition, dlq_original_offset, dlq_consumer, replay_id, replay_of,
                   traceparent, payload, payload_text, headers, envelope_error)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                   $23, cast($24 as text)::jsonb, $25, cast($26 as text)::jsonb, $27)
            on conflict (topic, kafka_partition, kafka_offset) do nothing
            returning id
            """;

    private final Pool pool;
    private final JournalConfig config;
    private final String bootstrapServers;
    private final List<String> topics;
    private final Timer lag;
    private final Counter inserted;
    private final Counter duplicates;
    private final Counter fallbacks;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong journaled = new AtomicLong();
    private volatile Consumer<String, byte[]> current;
    private Thread thread;

    public JournalIntake(Pool pool, JournalConfig config, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.pool = pool;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.topics = TopicCatalogue.all().stream().map(TopicSpec::name).toList();
        this.lag = Timer.builder("openpsi.journal.lag")
                .description("time from an event's ce_time to its row in the journal")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.inserted = Counter.builder("openpsi.journal.records").tag("outcome", "inserted")
                .description("records journaled").register(registry);
        this.duplicates = Counter.builder("openpsi.journal.records").tag("outcome", "duplicate")
                .description("redelivered records already in the journal").register(registry);
        this.fallbacks = Counter.builder("openpsi.journal.records").tag("outcome", "unstorable")
                .description("records journaled with position and headers only").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.intakeEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** The topics the intake reads: every stream, DLQ and replay topic. */
    public List<String> topics() {
        return topics;
    }

    /** Rows this instance inserted (not counting redelivered duplicates). */
    public long journaled() {
        return journaled.get();
    }

    public boolean running() {
        return running.get();
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::run, "openpsi-journal-intake");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("journal intake (group %s) subscribed to %d topics", JournalConfig.GROUP, topics.size());
    }

    /** Stops the consumer and leaves the group; uncommitted records come back to the next start. */
    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        Consumer<String, byte[]> c = current;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running.get()) {
            try (Consumer<String, byte[]> consumer = KafkaClients.consumer(bootstrapServers, JournalConfig.GROUP,
                    "cloudlink-daemon-journal")) {
                current = consumer;
                consumer.subscribe(topics);
                while (running.get()) {
                    pollOnce(consumer);
                    backoff = Duration.ofMillis(200);
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warnf(e, "journal intake failed; resuming from the committed offsets in %d ms", backoff.toMillis());
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                            : backoff.multipliedBy(2);
                }
            } finally {
                current = null;
            }
        }
    }

    private void pollOnce(Consumer<String, byte[]> consumer) {
        ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
        if (records.isEmpty()) {
            return;
        }
        List<JournalEntry> entries = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            entries.add(JournalEntry.of(record));
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        store(entries);
        consumer.commitSync(done);
    }

    /** Inserts one poll's entries in one transaction; a batch the database refuses is split so one bad row cannot block. */
    void store(List<JournalEntry> entries) {
        List<Boolean> fresh;
        try {
            fresh = insert(entries).await().atMost(Duration.ofSeconds(60));
        } catch (RuntimeException batchFailed) {
            if (entries.size() == 1 || isConnectionProblem(batchFailed)) {
                if (entries.size() == 1 && !isConnectionProblem(batchFailed)) {
                    storeMinimal(entries.get(0), batchFailed);
                    return;
                }
                throw batchFailed;
            }
            LOG.warnf("journal batch of %d refused (%s); storing row by row", entries.size(), batchFailed.getMessage());
            for (JournalEntry entry : entries) {
                store(List.of(entry));
            }
            return;
        }
        Instant now = Instant.now();
        for (int i = 0; i < entries.size(); i++) {
            if (fresh.get(i)) {
                inserted.increment();
                journaled.incrementAndGet();
                Instant ceTime = entries.get(i).ceInstant();
                if (ceTime != null) {
                    Duration d = Duration.between(ceTime, now);
                    lag.record(d.isNegative() ? 0 : d.toNanos(), TimeUnit.NANOSECONDS);
                }
            } else {
                duplicates.increment();
            }
        }
    }

    private void storeMinimal(JournalEntry entry, RuntimeException why) {
        LOG.warnf("journal: %s/%d@%d is not storable as read (%s); keeping position and headers only", entry.topic(),
                entry.partition(), entry.offset(), why.getMessage());
        List<Boolean> fresh = insert(List.of(entry.minimal(why.getMessage()))).await().atMost(Duration.ofSeconds(60));
        if (fresh.get(0)) {
            fallbacks.increment();
            journaled.incrementAndGet();
        }
    }

    /** For each entry: whether it is new (false: this Kafka position is journaled already). */
    private Uni<List<Boolean>> insert(List<JournalEntry> entries) {
        List<Tuple> tuples = entries.stream().map(JournalIntake::tuple).toList();
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(tuples))
                .map(result -> {
                    List<Boolean> fresh = new ArrayList<>(entries.size());
                    for (RowSet<Row> rows = result; rows != null && fresh.size() < entries.size(); rows = rows.next()) {
                        fresh.add(rows.rowCount() > 0);
                    }
                    while (fresh.size() < entries.size()) {
                        fresh.add(Boolean.FALSE);
                    }
                    return fresh;
                });
    }

    private static Tuple tuple(JournalEntry e) {
        Tuple t = Tuple.tuple();
        t.addValue(e.eventId());
        t.addValue(e.topic());
        t.addValue(e.partition());
        t.addValue(e.offset());
        t.addValue(e.key());
        t.addValue(e.account());
        t.addValue(e.subject());
        t.addValue(e.ceType());
        t.addValue(e.eventName());
        t.addValue(e.typeFamily());
        t.addValue(e.ceSource());
        t.addValue(e.sourceService());
        t.addValue(e.ceTime());
        t.addValue(e.dlq());
        t.addValue(e.dlqReason());
        t.addValue(e.dlqDetail());
        t.addValue(e.dlqOriginalTopic());
        t.addValue(e.dlqOriginalPartition());
        t.addValue(e.dlqOriginalOffset());
        t.addValue(e.dlqConsumer());
        t.addValue(e.replayId());
        t.addValue(e.replayOf());
        t.addValue(e.traceparent());
        t.addValue(e.payloadJson());
        t.addValue(e.payloadText());
        t.addValue(e.headersJson());
        t.addValue(e.envelopeError());
        return t;
    }

    private static boolean isConnectionProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg) {
                String state = pg.getSqlState();
                // class 08: connection exception; 57: operator intervention; 53: insufficient resources
                return state != null && (state.startsWith("08") || state.startsWith("57") || state.startsWith("53"));
            }
        }
        return true;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
