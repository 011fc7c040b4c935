package dev.openpsi.testkit.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventType;
import dev.openpsi.events.ServiceName;

/**
 * Events on the real broker for tests: records exactly as a producing service's outbox relay
 * writes them (CloudEvents binary-mode headers, schema-validated JSON), and reading a topic back.
 */
public final class TestEvents {

    private static final EventCodec CODEC = new EventCodec();

    private TestEvents() {
    }

    /** The record a service's relay would publish for {@code payload}. */
    public static <P extends Record> ProducerRecord<String, byte[]> record(EventType<P> type, Envelope envelope, P payload) {
        RecordHeaders headers = new RecordHeaders();
        envelope.toHeaders(headers);
        return new ProducerRecord<>(type.topic().topicName(), null, type.key(payload), CODEC.encode(type, payload), headers);
    }

    /** A new event of {@code source} (a new trace) for {@code payload}. */
    /**
     * The CloudEvents headers of a record built by hand (bulk data for benchmarks and scans, where
     * the body is not an event payload): spec version, a fresh id, source, type, time now, account.
     */
    public static RecordHeaders cloudEventHeaders(ServiceName source, String ceType, String account) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.put(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        CloudEventHeaders.put(headers, CloudEventHeaders.ID, UUID.randomUUID().toString());
        CloudEventHeaders.put(headers, CloudEventHeaders.SOURCE, "/openpsi/" + source.id());
        CloudEventHeaders.put(headers, CloudEventHeaders.TYPE, ceType);
        CloudEventHeaders.put(headers, CloudEventHeaders.TIME, java.time.Instant.now().toString());
        CloudEventHeaders.put(headers, CloudEventHeaders.ACCOUNT, account);
        return headers;
    }

    public static <P extends Record> Envelope envelope(ServiceName source, EventType<P> type, P payload) {
        return Envelope.create(source, type, type.account(payload), type.subject(payload));
    }

    /** Publishes {@code payload} as {@code source} would and returns its envelope. */
    public static <P extends Record> Envelope publish(String bootstrap, ServiceName source, EventType<P> type, P payload) {
        Envelope envelope = envelope(source, type, payload);
        send(bootstrap, List.of(record(type, envelope, payload)));
        return envelope;
    }

    /** Sends raw records (also malformed ones) and waits for the broker's acknowledgements. */
    public static void send(String bootstrap, List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<String, byte[]> r : records) {
                acks.add(producer.send(r));
            }
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send test records", e);
        }
    }

    /**
     * The records of {@code topic} matching {@code filter}, read from the beginning until
     * {@code expected} are seen or {@code timeout} passes, then a little longer so that records
     * beyond the expected count (duplicates) show too.
     */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter, int expected, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                });
            }
            long settle = System.nanoTime() + Duration.ofMillis(700).toNanos();
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

    /** Records of {@code type} (by ce_type header) for {@code account}: the usual filter. */
    public static Predicate<ConsumerRecord<String, byte[]>> ofType(EventType<?> type, String account) {
        return r -> type.ceType().equals(header(r, dev.openpsi.events.CloudEventHeaders.TYPE))
                && account.equals(header(r, dev.openpsi.events.CloudEventHeaders.ACCOUNT));
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static <P extends Record> P payload(EventType<P> type, ConsumerRecord<String, byte[]> record) {
        return CODEC.decodeAs(type, record.value()).payload();
    }

    /** Waits until {@code condition} holds; fails the test with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
