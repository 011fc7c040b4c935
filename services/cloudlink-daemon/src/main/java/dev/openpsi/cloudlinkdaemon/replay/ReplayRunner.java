package dev.openpsi.cloudlinkdaemon.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Topic;
import dev.openpsi.events.TopicCatalogue;
import dev.openpsi.events.TopicSpec;
import dev.openpsi.messaging.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Executes replays in the background: reads the selection's range once and sends every selected record
 * unchanged (key, value, headers) plus {@code openpsi_replay_id}/{@code openpsi_replay_of} to the
 * target service's replay topic - or, for a redrive, back to the original topic named in the dead
 * letter's headers without the DLQ reason headers - at the requested rate. Progress goes to the
 * replay row; the sent records themselves land in the journal like every record.
 */
@ApplicationScoped
public class ReplayRunner {

    private static final Logger LOG = Logger.getLogger(ReplayRunner.class);
    private static final String DLQ_HEADER_PREFIX = "openpsi_dlq_";
    /** Selected records waiting to be sent; readers wait beyond this (a paced replay holds back the scan). */
    private static final int SEND_QUEUE = 4_096;
    /** Queued after the last selected record: the sender stops as soon as it takes it. */
    private static final ConsumerRecord<byte[], byte[]> END = new ConsumerRecord<>("", 0, -1L, null, null);

    private final TopicScanner scanner;
    private final ReplayRepository replays;
    private final ReplayConfig config;
    private final String bootstrapServers;
    private final ExecutorService executor;
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "openpsi-replay-send");
        t.setDaemon(true);
        return t;
    });
    /** Replays submitted here and not finished yet (running or in line): ReplayRecovery keeps them alive. */
    private final Set<UUID> owned = ConcurrentHashMap.newKeySet();
    private volatile Producer<byte[], byte[]> producer;

    public ReplayRunner(TopicScanner scanner, ReplayRepository replays, ReplayConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.scanner = scanner;
        this.replays = replays;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.executor = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "openpsi-replay");
            t.setDaemon(true);
            return t;
        });
    }

    /** Where the records go: a service's replay topic, or (redrive) each record's original topic. */
    public record Destination(String replayTopic, boolean redrive) {
    }

    public void submit(UUID id, ReplaySelection selection, Destination destination, double ratePerSecond) {
        owned.add(id);
        executor.execute(() -> {
            try {
                run(id, selection, destination, ratePerSecond);
            } finally {
                owned.remove(id);
            }
        });
    }

    /** The replays this instance runs or holds in line. */
    Set<UUID> owned() {
        return Set.copyOf(owned);
    }

    /**
     * One pass over the plan: the scan's readers select, one sending thread sends as they find
     * (counting first and sending in a second pass read the range twice; readers sending themselves
     * fought over the producer's locks and slowed the scan). {@code selected} grows with the pass
     * and is final once the range is read; progress is the lesser of the range read and the
     * selected records sent.
     */
    void run(UUID id, ReplaySelection selection, Destination destination, double ratePerSecond) {
        AtomicLong scanned = new AtomicLong();
        Sending sending = new Sending(id, destination, ratePerSecond, scanned);
        long planning = System.nanoTime();
        try {
            TopicScanner.Plan plan = scanner.plan(selection);
            replays.planned(id, plan.records());
            long started = System.nanoTime();
            Future<?> sender = senders.submit(sending);
            long selected;
            try {
                selected = scanner.scan(plan, selection.matcher(), sending::offer, scanned);
            } catch (RuntimeException e) {
                sending.abort();
                throw e;
            }
            sending.finish();
            // the selection is known now; a paced sender may still have a while to go
            replays.progress(id, selected, sending.acknowledged.get(), scanned.get());
            await(sender);
            long sent = sending.acknowledged.get();
            replays.progress(id, selected, sent, scanned.get());
            replays.finish(id, true, sent, null);
            LOG.infof("replay %s completed: %d of %d sent, %d records read in %d ms (plan %d ms)", id, sent, selected,
                    scanned.get(), (System.nanoTime() - started) / 1_000_000, (started - planning) / 1_000_000);
        } catch (RuntimeException e) {
            long sent = sending.acknowledged.get();
            LOG.warnf("replay %s failed after %d records: %s", id, sent, e.getMessage());
            try {
                replays.finish(id, false, sent, e.getMessage());
            } catch (RuntimeException unrecorded) {
                LOG.warnf(unrecorded, "replay %s: cannot record its failure", id);
            }
        }
    }

    private static void await(Future<?> sender) {
        try {
            sender.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The hand-over from the scan's readers to the one thread that sends: a bounded queue (a
     * reader waits while it is full), the pace, the progress row, and the first failure, which
     * stops readers and sender alike.
     */
    private final class Sending implements Runnable {
        private final BlockingQueue<ConsumerRecord<byte[], byte[]>> queue = new ArrayBlockingQueue<>(SEND_QUEUE);
        private final AtomicLong acknowledged = new AtomicLong();
        /** Selected so far: what the readers handed over. */
        private final AtomicLong found = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final UUID id;
        private final String replayId;
        private final Destination destination;
        private final double rate;
        private final AtomicLong scanned;
        private volatile boolean aborted;

        Sending(UUID id, Destination destination, double rate, AtomicLong scanned) {
            this.id = id;
            this.replayId = id.toString();
            this.destination = destination;
            this.rate = rate;
            this.scanned = scanned;
        }

        /** Called by the readers for each selected record. */
        void offer(ConsumerRecord<byte[], byte[]> record) {
            found.incrementAndGet();
            enqueue(record);
        }

        private void enqueue(ConsumerRecord<byte[], byte[]> record) {
            try {
                while (!queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
                    failIfFailed();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            failIfFailed();
        }

        private void failIfFailed() {
            if (failure.get() != null || aborted) {
                throw new IllegalStateException("sending failed", failure.get());
            }
        }

        /** Every selected record was offered: send what is queued, then stop (the end mark follows the last one). */
        void finish() {
            enqueue(END);
        }

        /** The scan failed: stop without sending the rest. */
        void abort() {
            aborted = true;
        }

        @Override
        public void run() {
            try {
                Producer<byte[], byte[]> out = producer();
                long started = System.nanoTime();
                long lastProgress = started;
                long sent = 0;
                while (!aborted) {
                    ConsumerRecord<byte[], byte[]> record = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (record == END) {
                        break;
                    }
                    if (record == null) {
                        continue; // nothing yet: look at aborted again
                    }
                    if (failure.get() != null) {
                        break;
                    }
                    out.send(replayed(record, replayId, destination), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            failure.compareAndSet(null, error);
                        }
                    });
                    pace(started, ++sent, rate);
                    if (System.nanoTime() - lastProgress > config.progressInterval().toNanos()) {
                        lastProgress = System.nanoTime();
                        replays.progress(id, found.get(), acknowledged.get(), scanned.get());
                    }
                }
                out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            if (failure.get() != null) {
                throw new IllegalStateException("sending failed: " + failure.get().getMessage(), failure.get());
            }
        }
    }

    /** The outgoing record: key, value and headers unchanged, plus the replay headers (a redrive drops the DLQ headers). */
    static ProducerRecord<byte[], byte[]> replayed(ConsumerRecord<byte[], byte[]> record, String replayId,
            Destination destination) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!(destination.redrive() && header.key().startsWith(DLQ_HEADER_PREFIX))) {
                headers.add(header);
            }
        }
        CloudEventHeaders.put(headers, CloudEventHeaders.REPLAY_ID, replayId);
        Header original = record.headers().lastHeader(CloudEventHeaders.ID);
        if (original != null && original.value() != null) {
            CloudEventHeaders.put(headers, CloudEventHeaders.REPLAY_OF, new String(original.value(), StandardCharsets.UTF_8));
        }
        String topic = destination.redrive() ? originalTopic(record) : destination.replayTopic();
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    private static String originalTopic(ConsumerRecord<byte[], byte[]> record) {
        String topic = CloudEventHeaders.get(record.headers(), CloudEventHeaders.DLQ_ORIGINAL_TOPIC).orElse(null);
        boolean known = topic != null && TopicCatalogue.byName(topic).map(TopicSpec::kind)
                .filter(kind -> kind != TopicSpec.Kind.DLQ).isPresent();
        if (!known || Topic.isDlqName(topic)) {
            throw new IllegalStateException("dead letter " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " names no original topic of the catalogue: " + topic);
        }
        return topic;
    }

    /** Sleeps while sending is ahead of {@code rate} per second (0 or less: no limit). */
    private static void pace(long startedNanos, long sent, double rate) {
        if (rate <= 0) {
            return;
        }
        long due = startedNanos + (long) (sent / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = KafkaClients.producerConfig(bootstrapServers, "cloudlink-daemon-replay");
            // bulk transfer: fuller batches, fewer requests and sender wake-ups than the outbox's settings
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        senders.shutdownNow();
        Producer<byte[], byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(10));
        }
    }
}
