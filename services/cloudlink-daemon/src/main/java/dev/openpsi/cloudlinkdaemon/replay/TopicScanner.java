package dev.openpsi.cloudlinkdaemon.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads one topic between two timestamps straight from Kafka: no consumer group, partitions
 * assigned, each read from the offset of {@code from} (offsetsForTimes) up to the offset of
 * {@code to} (or the end). Keys and values stay bytes; only headers and keys are compared.
 * Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class TopicScanner {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration API_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;

    public TopicScanner(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Where each partition's range starts (inclusive) and ends (exclusive), fixed once so two passes see the same records. */
    public record Plan(String topic, Map<TopicPartition, long[]> ranges) {

        public long records() {
            return ranges.values().stream().mapToLong(r -> r[1] - r[0]).sum();
        }
    }

    public Plan plan(ReplaySelection selection) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
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

    /** Calls {@code onMatch} for every record of the plan the matcher accepts, in partition order; returns how many. */
    public long scan(Plan plan, ReplaySelection.Matcher matcher, Consumer<ConsumerRecord<byte[], byte[]>> onMatch) {
        if (plan.ranges().isEmpty()) {
            return 0;
        }
        long matched = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(plan.ranges().keySet());
            plan.ranges().forEach((tp, range) -> consumer.seek(tp, range[0]));
            Set<TopicPartition> open = new HashSet<>(plan.ranges().keySet());
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (TopicPartition tp : records.partitions()) {
                    long stop = plan.ranges().get(tp)[1];
                    for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                        if (record.offset() >= stop) {
                            break;
                        }
                        if (matcher.matches(record)) {
                            matched++;
                            onMatch.accept(record);
                        }
                    }
                }
                List<TopicPartition> done = new ArrayList<>();
                for (TopicPartition tp : open) {
                    // position beyond stop-1: every offset of the range was seen (also when the last ones were compacted or aborted)
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

    private static Map<TopicPartition, Long> at(List<TopicPartition> partitions, long millis) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, millis));
        return query;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "cloudlink-daemon-replay-scan");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // large fetches: a scan reads whole ranges sequentially, like a plain command-line reader
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
        config.put(ConsumerConfig.CHECK_CRCS_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
