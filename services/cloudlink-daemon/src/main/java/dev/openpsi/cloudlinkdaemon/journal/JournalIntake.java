package dev.openpsi.cloudlinkdaemon.journal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

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

    /**
     * One statement per poll: the batch travels as one array per column and is inserted set-wise
     * (one parse, one plan, one round trip), which keeps up with thousands of records a second
     * where one INSERT per record did not. The positions returned are the rows that were new.
     */
    static final String INSERT = """
            insert into journal_event (event_id, topic, kafka_partition, kafka_offset, event_key, account, subject,
                   ce_type, event_name, type_family, ce_source, source_service, ce_time, dlq, dlq_reason, dlq_detail,
                   dlq_original_topic, dlq_original_partition, dlq_original_offset, dlq_consumer, replay_id, replay_of,
                   traceparent, payload, payload_text, headers, envelope_error)
            select r.event_id, r.topic, r.kafka_partition, r.kafka_offset, r.event_key, r.account, r.subject, r.ce_type,
                   r.event_name, r.type_family, r.ce_source, r.source_service, r.ce_time, r.dlq, r.dlq_reason, r.dlq_detail,
                   r.dlq_original_topic, r.dlq_original_partition, r.dlq_original_offset, r.dlq_consumer, r.replay_id,
                   r.replay_of, r.traceparent, r.payload::jsonb, r.payload_text, r.headers::jsonb, r.envelope_error
              from unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[],
                          $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::boolean[], $15::text[],
                          $16::text[], $17::text[], $18::int[], $19::bigint[], $20::text[], $21::uuid[], $22::uuid[],
                          $23::text[], $24::text[], $25::text[], $26::text[], $27::text[])
                   as r(event_id, topic, kafka_partition, kafka_offset, event_key, account, subject, ce_type, event_name,
                        type_family, ce_source, source_service, ce_time, dlq, dlq_reason, dlq_detail, dlq_original_topic,
                        dlq_original_partition, dlq_original_offset, dlq_consumer, replay_id, replay_of, traceparent,
                        payload, payload_text, headers, envelope_error)
            on conflict (topic, kafka_partition, kafka_offset) do nothing
            returning topic, kafka_partition, kafka_offset
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
                intake(consumer);
                backoff = Duration.ofMillis(200);
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

    /**
     * Poll, decode and insert overlap: while one poll's insert runs in PostgreSQL, the next poll
     * is fetched and decoded here. At most one insert is in flight, so batches land in poll order;
     * offsets are committed only for a batch whose insert committed (asynchronously: a lost commit
     * only redelivers rows the unique position turns into no-ops).
     */
    private void intake(Consumer<String, byte[]> consumer) {
        Batch pending = null;
        try {
            while (running.get()) {
                // with an insert in flight, take only what is already fetched and go back to settle it
                ConsumerRecords<String, byte[]> records = consumer.poll(pending == null ? config.pollTimeout() : Duration.ZERO);
                Batch next = records.isEmpty() ? null : Batch.of(records);
                if (pending != null) {
                    settle(pending);
                    consumer.commitAsync(pending.offsets(), (offsets, e) -> {
                        if (e != null) {
                            LOG.debugf("journal offsets not committed (%s); the next commit covers them", e.getMessage());
                        }
                    });
                    pending = null;
                }
                if (next != null) {
                    pending = next.start(this::insert);
                }
            }
            if (pending != null) {
                settle(pending);
                consumer.commitSync(pending.offsets());
            }
        } catch (WakeupException e) {
            if (pending != null) {
                // stopping: what is inserted should not come back at the next start
                settle(pending);
                consumer.commitSync(pending.offsets());
            }
            throw e;
        }
    }

    /** One poll's entries, the offsets they complete, and their insert once started. */
    private record Batch(List<JournalEntry> entries, Map<TopicPartition, OffsetAndMetadata> offsets,
                         CompletableFuture<List<Boolean>> insert) {

        static Batch of(ConsumerRecords<String, byte[]> records) {
            List<JournalEntry> entries = new ArrayList<>(records.count());
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                entries.add(JournalEntry.of(record));
                done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            }
            return new Batch(entries, done, null);
        }

        Batch start(Function<List<JournalEntry>, Uni<List<Boolean>>> insert) {
            return new Batch(entries, offsets, insert.apply(entries).subscribeAsCompletionStage());
        }
    }

    /** Waits for a batch's insert; a batch the database refused is stored row by row. */
    private void settle(Batch batch) {
        List<Boolean> fresh;
        try {
            fresh = batch.insert().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while journaling", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("journal insert took longer than 60 s", e);
        } catch (ExecutionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            refused(batch.entries(), cause);
            return;
        }
        counted(batch.entries(), fresh);
    }

    /** Inserts one poll's entries in one transaction; a batch the database refuses is split so one bad row cannot block. */
    void store(List<JournalEntry> entries) {
        List<Boolean> fresh;
        try {
            fresh = insert(entries).await().atMost(Duration.ofSeconds(60));
        } catch (RuntimeException batchFailed) {
            refused(entries, batchFailed);
            return;
        }
        counted(entries, fresh);
    }

    private void refused(List<JournalEntry> entries, RuntimeException batchFailed) {
        if (isConnectionProblem(batchFailed)) {
            throw batchFailed;
        }
        if (entries.size() == 1) {
            storeMinimal(entries.get(0), batchFailed);
            return;
        }
        LOG.warnf("journal batch of %d refused (%s); storing row by row", entries.size(), batchFailed.getMessage());
        for (JournalEntry entry : entries) {
            store(List.of(entry));
        }
    }

    private void counted(List<JournalEntry> entries, List<Boolean> fresh) {
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
        return pool.preparedQuery(INSERT).execute(columns(entries)).map(rows -> {
            Set<String> fresh = new HashSet<>();
            for (Row row : rows) {
                fresh.add(position(row.getString(0), row.getInteger(1), row.getLong(2)));
            }
            List<Boolean> result = new ArrayList<>(entries.size());
            for (JournalEntry e : entries) {
                result.add(fresh.contains(position(e.topic(), e.partition(), e.offset())));
            }
            return result;
        });
    }

    private static String position(String topic, int partition, long offset) {
        return topic + '/' + partition + '@' + offset;
    }

    /** The entries as one array per column, in the order of INSERT's parameters. */
    private static Tuple columns(List<JournalEntry> entries) {
        int n = entries.size();
        UUID[] eventId = new UUID[n];
        UUID[] replayId = new UUID[n];
        UUID[] replayOf = new UUID[n];
        Integer[] partition = new Integer[n];
        Integer[] dlqPartition = new Integer[n];
        Long[] offset = new Long[n];
        Long[] dlqOffset = new Long[n];
        Boolean[] dlq = new Boolean[n];
        OffsetDateTime[] ceTime = new OffsetDateTime[n];
        String[][] text = new String[18][n];
        for (int i = 0; i < n; i++) {
            JournalEntry e = entries.get(i);
            eventId[i] = e.eventId();
            partition[i] = e.partition();
            offset[i] = e.offset();
            ceTime[i] = e.ceTime();
            dlq[i] = e.dlq();
            dlqPartition[i] = e.dlqOriginalPartition();
            dlqOffset[i] = e.dlqOriginalOffset();
            replayId[i] = e.replayId();
            replayOf[i] = e.replayOf();
            String[] values = {e.topic(), e.key(), e.account(), e.subject(), e.ceType(), e.eventName(), e.typeFamily(),
                e.ceSource(), e.sourceService(), e.dlqReason(), e.dlqDetail(), e.dlqOriginalTopic(), e.dlqConsumer(),
                e.traceparent(), e.payloadJson(), e.payloadText(), e.headersJson(), e.envelopeError()};
            for (int c = 0; c < values.length; c++) {
                text[c][i] = values[c];
            }
        }
        return Tuple.tuple().addArrayOfUUID(eventId).addArrayOfString(text[0]).addArrayOfInteger(partition)
                .addArrayOfLong(offset).addArrayOfString(text[1]).addArrayOfString(text[2]).addArrayOfString(text[3])
                .addArrayOfString(text[4]).addArrayOfString(text[5]).addArrayOfString(text[6]).addArrayOfString(text[7])
                .addArrayOfString(text[8]).addArrayOfOffsetDateTime(ceTime).addArrayOfBoolean(dlq)
                .addArrayOfString(text[9]).addArrayOfString(text[10]).addArrayOfString(text[11])
                .addArrayOfInteger(dlqPartition).addArrayOfLong(dlqOffset).addArrayOfString(text[12])
                .addArrayOfUUID(replayId).addArrayOfUUID(replayOf).addArrayOfString(text[13]).addArrayOfString(text[14])
                .addArrayOfString(text[15]).addArrayOfString(text[16]).addArrayOfString(text[17]);
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
