package dev.openpsi.messaging;

import static dev.openpsi.messaging.TestFixtures.distinctEffects;
import static dev.openpsi.messaging.TestFixtures.effects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.DeadLetterReason;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.Topic;
import dev.openpsi.events.Traceparent;
import dev.openpsi.events.payload.mwi.MessageWaitingChanged;
import dev.openpsi.events.payload.telephony.DoNotDisturbChanged;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class IdempotentConsumerTest {

    @Inject
    MessagingRuntime runtime;
    @Inject
    EventCodec codec;
    @Inject
    Mutiny.SessionFactory sessions;
    @Inject
    Outbox outbox;
    @Inject
    Pool pool;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private IdempotentConsumer consumer(String name, List<? extends EventHandler<?>> handlers,
            Supplier<Consumer<String, byte[]>> consumers) {
        KafkaRecordPublisher dlq = KafkaRecordPublisher.connect(bootstrap, name + "-dlq");
        return new IdempotentConsumer(name, List.of(), handlers, consumers, dlq, codec, runtime.transactionRunner(), 3,
                Duration.ofMillis(50));
    }

    private IdempotentConsumer consumer(String name) {
        return consumer(name, List.of(new RecordingMwiHandler(name)), () -> KafkaClients.consumer(bootstrap, name, name));
    }

    @Test
    void aConsumerCrashingBeforeItsOffsetCommitLosesNothingAndDoublesNothing() throws Exception {
        String account = TestFixtures.uniqueAccount();
        String name = "crash-" + UUID.randomUUID();
        int n = 200;
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MessageWaitingChanged p = TestFixtures.mwi(account, i, i + 1);
            records.add(TestFixtures.record(TestFixtures.envelope(p), p));
        }
        TestFixtures.send(bootstrap, records);

        AtomicInteger connections = new AtomicInteger();
        try (IdempotentConsumer c = consumer(name, List.of(new RecordingMwiHandler(name)), () -> {
            Consumer<String, byte[]> real = KafkaClients.consumer(bootstrap, name, name);
            // the first process crashes after its transactions committed; the next one is healthy
            return connections.getAndIncrement() == 0 ? FailingCommits.wrap(real) : real;
        })) {
            c.start();
            TestFixtures.await("all effects", Duration.ofSeconds(60), () -> effects(sessions, name, account) >= n
                    && connections.get() >= 2 && c.duplicates() > 0);
            assertEquals(n, effects(sessions, name, account), "every event applied exactly once");
            assertEquals(n, distinctEffects(sessions, name, account));
            assertTrue(c.duplicates() > 0, "the restarted consumer saw the uncommitted records again");
        }
    }

    @Test
    void onePoisonAmongAThousandGoesToTheDlqAndThePartitionKeepsFlowing() throws Exception {
        String account = TestFixtures.uniqueAccount();
        String name = "poison-" + UUID.randomUUID();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        int poisonAt = 500;
        String poisonDn = TestFixtures.dn(poisonAt);
        for (int i = 0; i < 1000; i++) {
            MessageWaitingChanged p = TestFixtures.mwi(account, i, 1);
            ProducerRecord<String, byte[]> r = TestFixtures.record(TestFixtures.envelope(p), p);
            if (i == poisonAt) {
                // a producer outside the contract: negative counter, which the schema forbids
                String bad = new String(r.value(), StandardCharsets.UTF_8).replace("\"newMessages\":1", "\"newMessages\":-3");
                r = new ProducerRecord<>(r.topic(), null, r.key(), bad.getBytes(StandardCharsets.UTF_8), r.headers());
            }
            records.add(r);
        }
        TestFixtures.send(bootstrap, records);

        try (IdempotentConsumer c = consumer(name)) {
            c.start();
            TestFixtures.await("999 effects", Duration.ofSeconds(90), () -> effects(sessions, name, account) >= 999);
            List<ConsumerRecord<String, byte[]>> dead = TestFixtures.readAll(bootstrap, Topic.MWI.dlqName(),
                    r -> name.equals(TestFixtures.header(r, CloudEventHeaders.DLQ_CONSUMER))
                            && r.key().equals(account + "/" + poisonDn), 1, Duration.ofSeconds(30));
            assertEquals(999, effects(sessions, name, account));
            assertEquals(1, dead.size(), "exactly the poison record is dead-lettered");
            ConsumerRecord<String, byte[]> poison = dead.get(0);
            assertEquals(DeadLetterReason.SCHEMA_VIOLATION.name(), TestFixtures.header(poison, CloudEventHeaders.DLQ_REASON));
            assertTrue(TestFixtures.header(poison, CloudEventHeaders.DLQ_DETAIL).contains("newMessages"),
                    "the detail names the offending field");
            assertEquals(Topic.MWI.topicName(), TestFixtures.header(poison, CloudEventHeaders.DLQ_ORIGINAL_TOPIC));
            assertArrayEquals(records.get(poisonAt).value(), poison.value(), "the value is kept as it was");
            assertEquals(TestFixtures.header(poison, CloudEventHeaders.ID),
                    new String(records.get(poisonAt).headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8));
            int partition = Integer.parseInt(TestFixtures.header(poison, CloudEventHeaders.DLQ_ORIGINAL_PARTITION));
            long offset = Long.parseLong(TestFixtures.header(poison, CloudEventHeaders.DLQ_ORIGINAL_OFFSET));
            List<ConsumerRecord<String, byte[]>> original = TestFixtures.readAll(bootstrap, Topic.MWI.topicName(),
                    r -> r.partition() == partition && r.offset() == offset, 1, Duration.ofSeconds(30));
            assertEquals(1, original.size());
            assertEquals(account + "/" + poisonDn, original.get(0).key(), "partition/offset headers point at the poison");
        }
    }

    @Test
    void eachKindOfPoisonIsDeadLetteredWithItsReason() throws Exception {
        String account = TestFixtures.uniqueAccount();
        String name = "kinds-" + UUID.randomUUID();
        MessageWaitingChanged p = TestFixtures.mwi(account, 1, 1);
        ProducerRecord<String, byte[]> good = TestFixtures.record(TestFixtures.envelope(p), p);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(withValue(good, "{not json".getBytes(StandardCharsets.UTF_8), "k-json"));
        records.add(withType(good, "dev.openpsi.mwi.MessageWaitingChanged.v7", "k-version"));
        records.add(withType(good, "dev.openpsi.mwi.SomethingElse.v1", "k-type"));
        ProducerRecord<String, byte[]> noAccount = withType(good, EventTypes.MESSAGE_WAITING_CHANGED.ceType(), "k-envelope");
        noAccount.headers().remove(CloudEventHeaders.ACCOUNT);
        records.add(noAccount);
        TestFixtures.send(bootstrap, records);

        try (IdempotentConsumer c = consumer(name)) {
            c.start();
            List<ConsumerRecord<String, byte[]>> dead = TestFixtures.readAll(bootstrap, Topic.MWI.dlqName(),
                    r -> name.equals(TestFixtures.header(r, CloudEventHeaders.DLQ_CONSUMER))
                            && r.key().startsWith(account + "/k-"), 4, Duration.ofSeconds(60));
            assertEquals(4, dead.size());
            for (ConsumerRecord<String, byte[]> r : dead) {
                String expected = switch (r.key().substring(account.length() + 1)) {
                    case "k-json" -> DeadLetterReason.MALFORMED_JSON.name();
                    case "k-version" -> DeadLetterReason.UNSUPPORTED_VERSION.name();
                    case "k-type" -> DeadLetterReason.UNKNOWN_EVENT_TYPE.name();
                    default -> DeadLetterReason.MALFORMED_ENVELOPE.name();
                };
                assertEquals(expected, TestFixtures.header(r, CloudEventHeaders.DLQ_REASON), r.key());
            }
            assertEquals(0, effects(sessions, name, account));
        }
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> r, byte[] value, String keySuffix) {
        String account = r.key().substring(0, r.key().indexOf('/'));
        return new ProducerRecord<>(r.topic(), null, account + "/" + keySuffix, value, copy(r));
    }

    private static ProducerRecord<String, byte[]> withType(ProducerRecord<String, byte[]> r, String ceType, String keySuffix) {
        ProducerRecord<String, byte[]> out = withValue(r, r.value(), keySuffix);
        CloudEventHeaders.put(out.headers(), CloudEventHeaders.TYPE, ceType);
        return out;
    }

    private static org.apache.kafka.common.header.Headers copy(ProducerRecord<String, byte[]> r) {
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        r.headers().forEach(headers::add);
        CloudEventHeaders.put(headers, CloudEventHeaders.ID, UUID.randomUUID().toString());
        return headers;
    }

    @Test
    void redeliveryHasNoSecondEffectButADeliberateReplayApplies() throws Exception {
        String account = TestFixtures.uniqueAccount();
        String name = "replay-" + UUID.randomUUID();
        MessageWaitingChanged p = TestFixtures.mwi(account, 7, 3);
        Envelope original = TestFixtures.envelope(p);
        Envelope replayed = original.asReplay(UUID.randomUUID());
        try (IdempotentConsumer c = consumer(name)) {
            c.start();
            TestFixtures.send(bootstrap, List.of(TestFixtures.record(original, p)));
            TestFixtures.await("first effect", Duration.ofSeconds(30), () -> effects(sessions, name, account) == 1);
            // the same event again (a producer retry or a relay restart): no second effect
            TestFixtures.send(bootstrap, List.of(TestFixtures.record(original, p)));
            TestFixtures.await("duplicate seen", Duration.ofSeconds(30), () -> c.duplicates() >= 1);
            assertEquals(1, effects(sessions, name, account));
            // a deliberate replay applies once more, and only once however often it arrives
            TestFixtures.send(bootstrap, List.of(TestFixtures.record(replayed, p), TestFixtures.record(replayed, p)));
            TestFixtures.await("replay applied", Duration.ofSeconds(30), () -> effects(sessions, name, account) == 2
                    && c.duplicates() >= 2);
            assertEquals(2, effects(sessions, name, account));
        }
    }

    @Test
    void eventsCausedByAConsumedEventKeepItsAccountAndTrace() throws Exception {
        String account = TestFixtures.uniqueAccount();
        String name = "propagate-" + UUID.randomUUID();
        MessageWaitingChanged p = TestFixtures.mwi(account, 3, 1);
        Envelope cause = TestFixtures.envelope(p);
        EventHandler<MessageWaitingChanged> forwarding = new EventHandler<>() {
            @Override
            public dev.openpsi.events.EventType<MessageWaitingChanged> eventType() {
                return EventTypes.MESSAGE_WAITING_CHANGED;
            }

            @Override
            public Uni<Void> handle(Mutiny.Session session, InboundEvent<MessageWaitingChanged> event) {
                return outbox.append(session, event.context(), EventTypes.DO_NOT_DISTURB_CHANGED,
                        new DoNotDisturbChanged(event.payload().account(), event.payload().dn(), true)).replaceWithVoid();
            }
        };
        try (IdempotentConsumer c = consumer(name, List.of(forwarding), () -> KafkaClients.consumer(bootstrap, name, name));
                KafkaRecordPublisher publisher = KafkaRecordPublisher.connect(bootstrap, "relay-test");
                OutboxRelay relay = new OutboxRelay(pool, publisher, "osv-adapter", 100, Duration.ofMillis(20))) {
            c.start();
            relay.start("relay-under-test");
            TestFixtures.send(bootstrap, List.of(TestFixtures.record(cause, p)));
            List<ConsumerRecord<String, byte[]>> produced = TestFixtures.readAll(bootstrap, Topic.TELEPHONY.topicName(),
                    r -> account.equals(TestFixtures.header(r, CloudEventHeaders.ACCOUNT)), 1, Duration.ofSeconds(30));
            assertEquals(1, produced.size());
            Envelope effect = Envelope.fromHeaders(produced.get(0).headers());
            Traceparent causeTrace = cause.traceContext().orElseThrow();
            Traceparent effectTrace = effect.traceContext().orElseThrow();
            assertEquals(account, effect.account());
            assertEquals(causeTrace.traceId(), effectTrace.traceId(), "same trace");
            assertNotEquals(causeTrace.parentId(), effectTrace.parentId(), "a new span within it");
            assertEquals("/openpsi/osv-adapter", effect.source());
            assertEquals(EventTypes.DO_NOT_DISTURB_CHANGED.ceType(), effect.type());
        }
    }
}
