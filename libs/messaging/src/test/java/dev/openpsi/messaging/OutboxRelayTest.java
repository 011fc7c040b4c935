package dev.openpsi.messaging;

import static dev.openpsi.messaging.TestFixtures.distinctEffects;
import static dev.openpsi.messaging.TestFixtures.effects;
import static dev.openpsi.messaging.TestFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.EventValidationException;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.mwi.MessageWaitingChanged;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    Outbox outbox;
    @Inject
    Mutiny.SessionFactory sessions;
    @Inject
    Pool pool;
    @Inject
    EventCodec codec;
    @Inject
    MessagingRuntime runtime;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The state change and its event, in one transaction: what every service does. */
    private Uni<Void> setCounter(Mutiny.Session s, MessageWaitingChanged p) {
        return s.createNativeQuery("""
                        insert into mailbox_counter (account, dn, new_messages) values (?1, ?2, ?3)
                        on conflict (account, dn) do update set new_messages = excluded.new_messages""")
                .setParameter(1, p.account()).setParameter(2, p.dn()).setParameter(3, p.newMessages())
                .executeUpdate()
                .chain(() -> outbox.append(s, EventContext.root(p.account()), EventTypes.MESSAGE_WAITING_CHANGED, p))
                .replaceWithVoid();
    }

    private void commit(MessageWaitingChanged p) {
        run(() -> sessions.withTransaction((s, tx) -> setCounter(s, p)));
    }

    private long count(String sql, String account) {
        return run(() -> sessions.withSession(s -> s.createNativeQuery(sql, Long.class).setParameter(1, account)
                .getSingleResult()));
    }

    private void drain(OutboxRelay relay) {
        while (relay.relayOnce().await().atMost(Duration.ofSeconds(30)) > 0) {
            // publish until the outbox is empty
        }
    }

    @Test
    void anInvalidEventRollsBackTheStateChangeItDescribes() {
        String account = TestFixtures.uniqueAccount();
        commit(TestFixtures.mwi(account, 1, 2));
        MessageWaitingChanged invalid = new MessageWaitingChanged(account, "0049-not-e164", "x@acme.example.com", 1, 0, 0, 0);
        assertThrows(EventValidationException.class, () -> commit(invalid));
        assertEquals(1, count("select count(*) from mailbox_counter where account = ?1", account));
        assertEquals(1, count("select count(*) from outbox_event where account = ?1", account));
    }

    @Test
    void eventsCommittedWhileNoRelayRanAreDeliveredOnceInKeyOrder() {
        String account = TestFixtures.uniqueAccount();
        // three subscribers, five counter changes each, interleaved
        for (int round = 1; round <= 5; round++) {
            for (int sub = 0; sub < 3; sub++) {
                commit(TestFixtures.mwi(account, sub, round));
            }
        }
        assertEquals(15, count("select count(*) from outbox_event where account = ?1", account));
        // the relay was down between commit and publish; a relay starting now delivers everything
        try (KafkaRecordPublisher publisher = KafkaRecordPublisher.connect(bootstrap, "relay-test");
                OutboxRelay relay = new OutboxRelay(pool, publisher, "osv-adapter", 4, Duration.ofMillis(20))) {
            drain(relay);
        }
        assertEquals(0, count("select count(*) from outbox_event where account = ?1", account));
        List<ConsumerRecord<String, byte[]>> records = TestFixtures.readAll(bootstrap, Topic.MWI.topicName(),
                r -> account.equals(TestFixtures.header(r, CloudEventHeaders.ACCOUNT)), 15, Duration.ofSeconds(30));
        assertEquals(15, records.size(), "each event published once");
        Map<String, List<Integer>> countsPerKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            MessageWaitingChanged p = codec.decodeAs(EventTypes.MESSAGE_WAITING_CHANGED, r.value()).payload();
            countsPerKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(p.newMessages());
        }
        assertEquals(3, countsPerKey.size());
        countsPerKey.values().forEach(seq -> assertEquals(List.of(1, 2, 3, 4, 5), seq, "per-key order kept"));
    }

    @Test
    void aRelayDyingAfterPublishingRepublishesAndConsumersApplyEachEventOnce() throws Exception {
        String account = TestFixtures.uniqueAccount();
        for (int i = 0; i < 20; i++) {
            commit(TestFixtures.mwi(account, i, 1));
        }
        try (KafkaRecordPublisher real = KafkaRecordPublisher.connect(bootstrap, "relay-test")) {
            RecordPublisher dyingAfterPublish = new RecordPublisher() {
                @Override
                public CompletionStage<Void> publishAll(List<ProducerRecord<String, byte[]>> records) {
                    // the broker has the records; the relay dies before its transaction commits
                    return real.publishAll(records).thenCompose(ok ->
                            CompletableFuture.failedFuture(new IllegalStateException("relay killed")));
                }

                @Override
                public void close() {
                }
            };
            OutboxRelay dying = new OutboxRelay(pool, dyingAfterPublish, "osv-adapter", 1000, Duration.ofMillis(20));
            assertThrows(RuntimeException.class, () -> dying.relayOnce().await().atMost(Duration.ofSeconds(30)));
            assertEquals(20, count("select count(*) from outbox_event where account = ?1", account),
                    "nothing was marked as sent");
            OutboxRelay successor = new OutboxRelay(pool, real, "osv-adapter", 1000, Duration.ofMillis(20));
            drain(successor);
        }
        List<ConsumerRecord<String, byte[]>> onTopic = TestFixtures.readAll(bootstrap, Topic.MWI.topicName(),
                r -> account.equals(TestFixtures.header(r, CloudEventHeaders.ACCOUNT)), 40, Duration.ofSeconds(30));
        assertEquals(40, onTopic.size(), "every event reached the topic twice");

        String name = "after-relay-crash-" + UUID.randomUUID();
        try (KafkaRecordPublisher dlq = KafkaRecordPublisher.connect(bootstrap, "dlq");
                IdempotentConsumer consumer = new IdempotentConsumer(name, List.of(), List.of(new RecordingMwiHandler(name)),
                        () -> KafkaClients.consumer(bootstrap, name, name), dlq, codec, runtime.transactionRunner(), 3,
                        Duration.ofMillis(50))) {
            consumer.start();
            TestFixtures.await("20 effects and 20 duplicates", Duration.ofSeconds(60),
                    () -> effects(sessions, name, account) >= 20 && consumer.duplicates() >= 20);
            assertEquals(20, effects(sessions, name, account), "exactly once per event");
            assertEquals(20, distinctEffects(sessions, name, account));
        }
    }

    @Test
    void oneRelayLeadsAtATime() {
        String account = TestFixtures.uniqueAccount();
        commit(TestFixtures.mwi(account, 1, 1));
        // a relay holding the leader lock in an open transaction keeps a second one idle
        Integer second = run(() -> pool.withTransaction(conn -> conn
                .preparedQuery("select pg_advisory_xact_lock($1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(java.util.UUID.nameUUIDFromBytes(
                        "openpsi-outbox-relay:osv-adapter".getBytes()).getMostSignificantBits()))
                .chain(() -> {
                    try (KafkaRecordPublisher publisher = KafkaRecordPublisher.connect(bootstrap, "relay-test")) {
                        return new OutboxRelay(pool, publisher, "osv-adapter", 10, Duration.ofMillis(20)).relayOnce();
                    }
                })));
        assertEquals(0, second, "the follower published nothing");
        assertTrue(count("select count(*) from outbox_event where account = ?1", account) >= 1);
    }
}
