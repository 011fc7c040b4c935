package dev.openpsi.cloudlinkdaemon.replay;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Reads one topic between two timestamps straight from Kafka: no consumer group, partitions
 * assigned, each read from the offset of {@code from} (offsetsForTimes) up to the offset of
 * {@code to} (or the end). Blocking: call it from a worker thread.
 *
 * <p>Built to keep pace with a plain command-line reader of the topic: partitions are read by up to
 * {@code openpsi.replay.scan-threads} consumers at once (default: one per processor); keys and values are left in the fetched
 * buffers (the filter reads only timestamp, key and headers) and copied only for the records a
 * selection keeps; fetches are small enough that a scan does not crowd the service's heap (large
 * fetches made a 256 MiB heap spend most of a scan in full collections).
 */
@ApplicationScoped
public class TopicScanner {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration API_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_POLL_RECORDS = 2_000;
    private static final int PARTITION_FETCH_BYTES = 1024 * 1024;
    private static final int FETCH_BYTES = 4 * 1024 * 1024;

    private final String bootstrapServers;
    private final int threads;
    private final ExecutorService readers;

    public TopicScanner(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ReplayConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.threads = config.scanThreads() > 0 ? config.scanThreads() : Runtime.getRuntime().availableProcessors();
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openpsi-replay-scan");
            t.setDaemon(true);
            return t;
        });
    }

    /** Where each partition's range starts (inclusive) and ends (exclusive), fixed once so a scan sees a stable set. */
    public record Plan(String topic, Map<TopicPartition, long[]> ranges) {

        public long records() {
            return ranges.values().stream().mapToLong(r -> r[1] - r[0]).sum();
        }
    }

    public Plan plan(ReplaySelection selection) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<PartitionInfo> infos = consumer.partitionsFor(selection.readTopic(), API_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return new Plan(selection.readTopic(), Map.of());
            }
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, API_TIMEOUT);
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(
                    at(partitions, selection.from().toEpochMilli()), API_TIMEOUT);
            Map<TopicPartition, OffsetAndTimestamp> stops = consumer.offsetsForTimes(
                    at(partitions, selection.to().toEpochMilli()), API_TIMEOUT);
            Map<TopicPartition, long[]> ranges = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp);
                // no record at or after the time: the range starts (or ends) at the partition's end
                long start = starts.get(tp) == null ? end : starts.get(tp).offset();
                long stop = stops.get(tp) == null ? end : stops.get(tp).offset();
                if (start < stop) {
                    ranges.put(tp, new long[] {start, stop});
                }
            }
            return new Plan(selection.readTopic(), Map.copyOf(ranges));
        }
    }

    /**
     * Calls {@code onMatch} for every record of the plan the matcher accepts; returns how many.
     * {@code onMatch} is called from several threads at once (one per group of partitions), the
     * records of one partition in offset order from one thread; the records it gets own their
     * bytes. {@code scanned} counts the records read so far (progress). The first failure of any
     * reader - or of {@code onMatch} - stops them all and is thrown.
     */
    public long scan(Plan plan, ReplaySelection.Matcher matcher, Consumer<ConsumerRecord<byte[], byte[]>> onMatch,
            AtomicLong scanned) {
        if (plan.ranges().isEmpty()) {
            return 0;
        }
        List<List<TopicPartition>> groups = groups(new ArrayList<>(plan.ranges().keySet()), threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> running = new ArrayList<>();
        for (List<TopicPartition> group : groups.subList(1, groups.size())) {
            running.add(readers.submit(() -> read(plan, group, matcher, onMatch, scanned, stop)));
        }
        long matched = 0;
        RuntimeException failure = null;
        try {
            matched += read(plan, groups.get(0), matcher, onMatch, scanned, stop);
        } catch (RuntimeException e) {
            failure = e;
            stop.set(true);
        }
        for (Future<Long> reader : running) {
            try {
                matched += reader.get();
            } catch (ExecutionException e) {
                stop.set(true);
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return matched;
    }

    /** One reader: its partitions from the start of their range to the end. */
    private long read(Plan plan, List<TopicPartition> partitions, ReplaySelection.Matcher matcher,
            Consumer<ConsumerRecord<byte[], byte[]>> onMatch, AtomicLong scanned, AtomicBoolean stop) {
        long matched = 0;
        try (KafkaConsumer<ByteBuffer, ByteBuffer> consumer = new KafkaConsumer<>(config(), new InPlace(),
                new InPlace())) {
            consumer.assign(partitions);
            partitions.forEach(tp -> consumer.seek(tp, plan.ranges().get(tp)[0]));
            Set<TopicPartition> open = new HashSet<>(partitions);
            while (!open.isEmpty() && !stop.get()) {
                ConsumerRecords<ByteBuffer, ByteBuffer> records = consumer.poll(POLL);
                long seen = 0;
                for (TopicPartition tp : records.partitions()) {
                    long end = plan.ranges().get(tp)[1];
                    for (ConsumerRecord<ByteBuffer, ByteBuffer> record : records.records(tp)) {
                        if (record.offset() >= end) {
                            break;
                        }
                        seen++;
                        if (matcher.matches(record)) {
                            matched++;
                            onMatch.accept(owned(record));
                        }
                    }
                }
                scanned.addAndGet(seen);
                List<TopicPartition> done = new ArrayList<>();
                for (TopicPartition tp : open) {
                    // position beyond end-1: every offset of the range was seen (also when the last ones were compacted or aborted)
                    if (consumer.position(tp, API_TIMEOUT) >= plan.ranges().get(tp)[1]) {
                        done.add(tp);
                    }
                }
                if (!done.isEmpty()) {
                    done.forEach(open::remove);
                    consumer.pause(done);
                }
            }
        }
        return matched;
    }

    /** Partitions dealt round-robin to at most {@code n} readers. */
    static List<List<TopicPartition>> groups(List<TopicPartition> partitions, int n) {
        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        int count = Math.min(n, partitions.size());
        List<List<TopicPartition>> groups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < partitions.size(); i++) {
            groups.get(i % count).add(partitions.get(i));
        }
        return groups;
    }

    /** A kept record with its own copies of key and value (the fetch buffers are not held). */
    static ConsumerRecord<byte[], byte[]> owned(ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), copy(record.key()),
                copy(record.value()), record.headers(), record.leaderEpoch());
    }

    private static byte[] copy(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /**
     * Hands out the consumer's own view of a key or value without copying it (the client passes a
     * slice of the fetch response); the scan reads it only while the record is being filtered.
     */
    static final class InPlace implements Deserializer<ByteBuffer> {
        @Override
        public ByteBuffer deserialize(String topic, byte[] data) {
            return data == null ? null : ByteBuffer.wrap(data);
        }

        @Override
        public ByteBuffer deserialize(String topic, Headers headers, ByteBuffer data) {
            return data;
        }
    }

    private static Map<TopicPartition, Long> at(List<TopicPartition> partitions, long millis) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, millis));
        return query;
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "cloudlink-daemon-replay-scan");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PARTITION_FETCH_BYTES);
        config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
        config.put(ConsumerConfig.CHECK_CRCS_CONFIG, false);
        return config;
    }

    void onStop(@Observes ShutdownEvent event) {
        readers.shutdownNow();
    }
}
