package dev.openpsi.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.payload.mwi.MessageWaitingChanged;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Shared helpers of the messaging tests: unique accounts, raw records, waiting, counting effects. */
final class TestFixtures {

    private TestFixtures() {
    }

    /** An account of its own per test, so tests sharing the catalogue topics never see each other's effects. */
    static String uniqueAccount() {
        return "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static String dn(int i) {
        return "+49897007" + String.format("%05d", i);
    }

    static MessageWaitingChanged mwi(String account, int i, int newMessages) {
        return new MessageWaitingChanged(account, dn(i), "user" + i + "@acme.example.com", newMessages, 0, 0, 0);
    }

    /** A record exactly as a producing service's relay writes it. */
    static ProducerRecord<String, byte[]> record(EventCodec codec, Envelope envelope, MessageWaitingChanged payload) {
        RecordHeaders headers = new RecordHeaders();
        envelope.toHeaders(headers);
        return new ProducerRecord<>(EventTypes.MESSAGE_WAITING_CHANGED.topic().topicName(), null,
                EventTypes.MESSAGE_WAITING_CHANGED.key(payload), codec.encode(EventTypes.MESSAGE_WAITING_CHANGED, payload),
                headers);
    }

    static Envelope envelope(MessageWaitingChanged payload) {
        return Envelope.create(ServiceName.VVM_TRANSCRIPT, EventTypes.MESSAGE_WAITING_CHANGED, payload.account(),
                payload.dn());
    }

    static void send(String bootstrap, List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(bootstrap, "test-producer")) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<String, byte[]> r : records) {
                acks.add(producer.send(r));
            }
            for (var ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Every record of {@code topic} matching {@code filter}, read from the beginning until {@code expected} are seen or time runs out. */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter, int expected, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
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
            // a short extra read shows records beyond the expected count (duplicates) too
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

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Runs reactive work on a Vert.x context and waits (tests run on a plain thread). */
    static <T> T run(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static long effects(Mutiny.SessionFactory sessions, String consumer, String account) {
        return run(() -> sessions.withSession(s -> s.createNativeQuery(
                        "select count(*) from applied_effect where consumer = ?1 and account = ?2", Long.class)
                .setParameter(1, consumer).setParameter(2, account).getSingleResult()));
    }

    static long distinctEffects(Mutiny.SessionFactory sessions, String consumer, String account) {
        return run(() -> sessions.withSession(s -> s.createNativeQuery(
                        "select count(distinct (event_id, replay_id)) from applied_effect where consumer = ?1 and account = ?2",
                        Long.class)
                .setParameter(1, consumer).setParameter(2, account).getSingleResult()));
    }
}
