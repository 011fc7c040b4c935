package dev.openpsi.cloudlinkdaemon.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
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
 * Executes replays in the background: counts the selection, then sends every selected record
 * unchanged (key, value, headers) plus {@code openpsi_replay_id}/{@code openpsi_replay_of} to the
 * target service's replay topic - or, for a redrive, back to the original topic named in the dead
 * letter's headers without the DLQ reason headers - at the requested rate. Progress goes to the
 * replay row; the sent records themselves land in the journal like every record.
 */
@ApplicationScoped
public class ReplayRunner {

    private static final Logger LOG = Logger.getLogger(ReplayRunner.class);
    private static final String DLQ_HEADER_PREFIX = "openpsi_dlq_";

    private final TopicScanner scanner;
    private final ReplayRepository replays;
    private final ReplayConfig config;
    private final String bootstrapServers;
    private final ExecutorService executor;
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

    void run(UUID id, ReplaySelection selection, Destination destination, double ratePerSecond) {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> sendError = new AtomicReference<>();
        try {
            TopicScanner.Plan plan = scanner.plan(selection);
            ReplaySelection.Matcher matcher = selection.matcher();
            long selected = scanner.scan(plan, matcher, record -> { });
            replays.selected(id, selected);
            Producer<byte[], byte[]> out = producer();
            long started = System.nanoTime();
            long[] sentSoFar = {0};
            long[] lastProgress = {System.nanoTime()};
            String replayId = id.toString();
            scanner.scan(plan, matcher, record -> {
                if (sendError.get() != null) {
                    throw new IllegalStateException("sending failed", sendError.get());
                }
                out.send(replayed(record, replayId, destination), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        sendError.compareAndSet(null, error);
                    }
                });
                sentSoFar[0]++;
                pace(started, sentSoFar[0], ratePerSecond);
                if (System.nanoTime() - lastProgress[0] > config.progressInterval().toNanos()) {
                    lastProgress[0] = System.nanoTime();
                    replays.progress(id, acknowledged.get());
                }
            });
            out.flush();
            if (sendError.get() != null) {
                throw new IllegalStateException("sending failed", sendError.get());
            }
            replays.finish(id, true, acknowledged.get(), null);
            LOG.infof("replay %s completed: %d of %d sent", id, acknowledged.get(), selected);
        } catch (RuntimeException e) {
            LOG.warnf("replay %s failed after %d records: %s", id, acknowledged.get(), e.getMessage());
            try {
                replays.finish(id, false, acknowledged.get(), e.getMessage());
            } catch (RuntimeException unrecorded) {
                LOG.warnf(unrecorded, "replay %s: cannot record its failure", id);
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
            producer = new KafkaProducer<>(KafkaClients.producerConfig(bootstrapServers, "cloudlink-daemon-replay"),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        Producer<byte[], byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(10));
        }
    }
}
