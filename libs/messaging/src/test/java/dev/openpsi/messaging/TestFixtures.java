package dev.openpsi.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hibernate.reactive.mutiny.Mutiny;

import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.payload.mwi.MessageWaitingChanged;
import dev.openpsi.testkit.events.TestEvents;
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
    static ProducerRecord<String, byte[]> record(Envelope envelope, MessageWaitingChanged payload) {
        return TestEvents.record(EventTypes.MESSAGE_WAITING_CHANGED, envelope, payload);
    }

    static Envelope envelope(MessageWaitingChanged payload) {
        return TestEvents.envelope(ServiceName.VVM_TRANSCRIPT, EventTypes.MESSAGE_WAITING_CHANGED, payload);
    }

    static void send(String bootstrap, List<ProducerRecord<String, byte[]>> records) {
        TestEvents.send(bootstrap, records);
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter, int expected, Duration timeout) {
        return TestEvents.read(bootstrap, topic, filter, expected, timeout);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return TestEvents.header(record, name);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        TestEvents.await(what, timeout, condition);
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
