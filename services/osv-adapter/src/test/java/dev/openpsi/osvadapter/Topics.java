package dev.openpsi.osvadapter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventType;
import dev.openpsi.events.Topic;
import dev.openpsi.messaging.KafkaClients;

/** Writes records as a producing service's relay does, and reads a topic back from its beginning. */
final class Topics {

    private final String bootstrap;
    private final EventCodec codec;

    Topics(String bootstrap, EventCodec codec) {
        this.bootstrap = bootstrap;
        this.codec = codec;
    }

    /** One record exactly as the relay writes it: envelope on the headers, schema-valid JSON as the value. */
    <P extends Record> void send(EventType<P> type, Envelope envelope, P payload) {
        RecordHeaders headers = new RecordHeaders();
        envelope.toHeaders(headers);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic().topicName(), null, type.key(payload),
                codec.encode(type, payload), headers);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(bootstrap, "osv-adapter-test-producer")) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + record.topic(), e);
        }
    }

    /**
     * Every record of {@code topic} matching {@code filter}, read from the beginning until
     * {@code expected} were seen or {@code timeout} passed, plus a short extra read that shows
     * records beyond the expected ones (duplicates, unwanted events).
     */
    List<ConsumerRecord<String, byte[]>> read(Topic topic, Predicate<ConsumerRecord<String, byte[]>> filter, int expected,
            Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                });
            }
            long settle = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                });
            }
        }
        return out;
    }

    /** Why the event {@code envelope} was dead-lettered from {@code topic}, or null if it was not. */
    String deadLetterReason(Topic topic, Envelope envelope) {
        String id = envelope.id().toString();
        List<ConsumerRecord<String, byte[]>> dead = readDlq(topic, r -> id.equals(header(r, CloudEventHeaders.ID)));
        if (dead.isEmpty()) {
            return null;
        }
        ConsumerRecord<String, byte[]> r = dead.get(0);
        return header(r, CloudEventHeaders.DLQ_REASON) + ": " + header(r, CloudEventHeaders.DLQ_DETAIL);
    }

    private List<ConsumerRecord<String, byte[]>> readDlq(Topic topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.dlqName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                });
            }
        }
        return out;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
