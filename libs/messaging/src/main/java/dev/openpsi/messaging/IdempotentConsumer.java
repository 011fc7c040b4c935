package dev.openpsi.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.openpsi.events.DeadLetterReason;
import dev.openpsi.events.DecodedEvent;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventContractException;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.HandlerRejectedException;
import io.smallrye.mutiny.Uni;

/**
 * The delivery rules of the consuming side, for one consumer group:
 * <ul>
 * <li>each event's effects and its {@code processed_event} row commit in one transaction, and
 * only then does the offset move: a redelivered event finds its row and has no second effect,
 * while a replayed one (new replay id) applies again;</li>
 * <li>a poison record (bad envelope, bad JSON, unknown type or version, schema violation, or a
 * handler's permanent rejection) goes to the stream's DLQ with reason headers and the partition
 * keeps flowing;</li>
 * <li>records are handled one by one in partition order on a dedicated thread; if the loop
 * fails (broker gone, commit refused) it reconnects and resumes from the last committed offset.</li>
 * </ul>
 */
public final class IdempotentConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    /** replay_key of an event that is not a replay. */
    static final UUID ORIGINAL = new UUID(0L, 0L);

    private static final String MARK_PROCESSED = """
            insert into processed_event (consumer, event_id, replay_key, ce_type, topic, kafka_partition, kafka_offset)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            on conflict do nothing
            """;

    private final String name;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final RecordPublisher deadLetterPublisher;
    private final EventCodec codec;
    private final Map<String, EventHandler<?>> handlers;
    private final Set<String> topics;
    private final TransactionRunner transactions;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Consumer<String, byte[]> current;
    private Thread thread;

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    public IdempotentConsumer(String name, Collection<String> topics, Collection<? extends EventHandler<?>> handlers,
            Supplier<Consumer<String, byte[]>> consumers, RecordPublisher deadLetterPublisher, EventCodec codec,
            TransactionRunner transactions, int maxAttempts, Duration retryBackoff) {
        this.name = name;
        this.consumers = consumers;
        this.deadLetterPublisher = deadLetterPublisher;
        this.codec = codec;
        this.transactions = transactions;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.retryBackoff = retryBackoff;
        Map<String, EventHandler<?>> byType = new HashMap<>();
        Set<String> subscribed = new TreeSet<>(topics);
        for (EventHandler<?> handler : handlers) {
            EventHandler<?> previous = byType.put(handler.eventType().ceType(), handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for " + handler.eventType().ceType() + " in " + name
                        + ": " + previous.getClass().getName() + ", " + handler.getClass().getName());
            }
            subscribed.add(handler.eventType().topic().topicName());
        }
        this.handlers = Map.copyOf(byType);
        this.topics = Set.copyOf(subscribed);
    }

    public String name() {
        return name;
    }

    public Set<String> topics() {
        return topics;
    }

    public long applied() {
        return applied.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::run, "openpsi-consumer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Duration backoff = retryBackoff;
        while (running.get()) {
            try (Consumer<String, byte[]> consumer = consumers.get()) {
                current = consumer;
                consumer.subscribe(topics);
                while (running.get()) {
                    pollOnce(consumer);
                    backoff = retryBackoff;
                }
            } catch (WakeupException e) {
                // close() woke the consumer up
            } catch (RuntimeException e) {
                if (running.get()) {
                    // uncommitted records come back to the next consumer: the processed rows keep them single
                    LOG.warnf(e, "consumer %s failed; reconnecting in %d ms", name, backoff.toMillis());
                    sleep(backoff);
                    backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(10));
                }
            } finally {
                current = null;
            }
        }
    }

    private void pollOnce(Consumer<String, byte[]> consumer) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!running.get()) {
                break;
            }
            process(record);
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
    }

    /** Applies one record exactly once, or dead-letters it. Throws only when the record must be retried later. */
    void process(ConsumerRecord<String, byte[]> record) {
        Envelope envelope;
        DecodedEvent<?> decoded;
        EventHandler<?> handler;
        try {
            envelope = Envelope.fromHeaders(record.headers());
            handler = handlers.get(envelope.type());
            if (handler == null && EventTypes.byCeType(envelope.type()).isPresent()) {
                return; // a valid type of the topic that this consumer does not handle
            }
            decoded = codec.decode(envelope, record.value());
        } catch (EventContractException poison) {
            deadLetter(record, poison.reason(), poison.getMessage());
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                boolean first = apply(handler, envelope, decoded.payload(), record);
                (first ? applied : duplicates).incrementAndGet();
                return;
            } catch (HandlerRejectedException rejected) {
                deadLetter(record, rejected.reason(), rejected.getMessage());
                return;
            } catch (RuntimeException failure) {
                if (attempt >= maxAttempts) {
                    deadLetter(record, DeadLetterReason.HANDLER_REJECTED,
                            "failed " + attempt + " times, last: " + failure);
                    return;
                }
                LOG.debugf("consumer %s: attempt %d for %s failed: %s", name, attempt, envelope.id(), failure);
                sleep(retryBackoff.multipliedBy(attempt));
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean apply(EventHandler handler, Envelope envelope, Object payload, ConsumerRecord<String, byte[]> record) {
        InboundEvent event = new InboundEvent(envelope, payload, record.topic(), record.partition(), record.offset());
        return transactions.inTransaction(session -> markProcessed(session, envelope, record)
                .chain(first -> first
                        ? ((Uni<Void>) handler.handle(session, event)).replaceWith(Boolean.TRUE)
                        : Uni.createFrom().item(Boolean.FALSE)));
    }

    private Uni<Boolean> markProcessed(Mutiny.Session session, Envelope envelope, ConsumerRecord<String, byte[]> record) {
        return session.createNativeQuery(MARK_PROCESSED)
                .setParameter(1, name)
                .setParameter(2, envelope.id())
                .setParameter(3, envelope.replayId() == null ? ORIGINAL : envelope.replayId())
                .setParameter(4, envelope.type())
                .setParameter(5, record.topic())
                .setParameter(6, record.partition())
                .setParameter(7, record.offset())
                .executeUpdate()
                .map(rows -> rows == 1);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, DeadLetterReason reason, String detail) {
        try {
            deadLetterPublisher.publishAll(List.of(DeadLetters.deadLetter(record, reason, detail, name)))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (Exception e) {
            // not acknowledged: do not move the offset, the record comes back
            throw new IllegalStateException("cannot dead-letter " + record.topic() + "/" + record.partition() + "@"
                    + record.offset(), e);
        }
        deadLettered.incrementAndGet();
        LOG.warnf("consumer %s dead-lettered %s/%d@%d: %s %s", name, record.topic(), record.partition(),
                record.offset(), reason, detail);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** Stops consuming; records not yet committed are consumed again by the next instance. */
    @Override
    public void close() {
        running.set(false);
        Consumer<String, byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
