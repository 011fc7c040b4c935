package dev.openpsi.cloudlinkdaemon;

import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.awaitItems;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.freshEmail;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.raw;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.awaitFinished;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.dryRun;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.operator;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.post;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.selection;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.messaging.IdempotentConsumer;
import dev.openpsi.messaging.MessagingRuntime;
import dev.openpsi.testkit.events.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Replays select by topic and time from Kafka, send records unchanged, and re-apply once per replay id. */
@QuarkusTest
class ReplayTest {

    private static final String FORWARDING = "dev.openpsi.telephony.ForwardingChanged.v1";
    private static final String DND = "dev.openpsi.telephony.DoNotDisturbChanged.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Inject
    MessagingRuntime messaging;

    @Test
    void aDryRunCountsAndSamplesTheSelectionOfEachFilter() {
        String account = "rp-" + UUID.randomUUID().toString().substring(0, 8);
        String other = account + "-b";
        String telephony = Topic.TELEPHONY.topicName();
        Instant from = Instant.now().minusSeconds(1);
        List<ProducerRecord<String, byte[]>> early = List.of(
                raw(telephony, account + "/100", FORWARDING, account, "100", "{}", Map.of()),
                raw(telephony, account + "/100", FORWARDING, account, "100", "{}", Map.of()),
                raw(telephony, account + "/100", DND, account, "100", "{}", Map.of()),
                raw(telephony, account + "/200", FORWARDING, account, "200", "{}", Map.of()),
                raw(telephony, other + "/300", FORWARDING, other, "300", "{}", Map.of()));
        TestEvents.send(bootstrap, early);
        sleep(50);
        Instant middle = Instant.now();
        sleep(50);
        List<ProducerRecord<String, byte[]>> late = List.of(
                raw(telephony, account + "/100", FORWARDING, account, "100", "{}", Map.of()),
                raw(telephony, account + "/200", FORWARDING, account, "200", "{}", Map.of()));
        TestEvents.send(bootstrap, late);
        Instant to = Instant.now().plusSeconds(1);

        assertEquals(6, dryRun(selection("topic", telephony, "from", from, "to", to, "account", account), 10).getLong("count"));
        assertEquals(4, dryRun(selection("topic", telephony, "from", from, "to", to, "account", account,
                "key", account + "/100"), 10).getLong("count"));
        assertEquals(1, dryRun(selection("topic", telephony, "from", from, "to", to, "account", account,
                "eventType", "DoNotDisturbChanged"), 10).getLong("count"));
        assertEquals(5, dryRun(selection("topic", telephony, "from", from, "to", to, "account", account,
                "eventType", FORWARDING), 10).getLong("count"));
        assertEquals(1, dryRun(selection("topic", telephony, "from", from, "to", to, "key", other + "/300"), 10)
                .getLong("count"));
        assertEquals(2, dryRun(selection("topic", telephony, "from", middle, "to", to, "account", account), 10)
                .getLong("count"));
        assertEquals(4, dryRun(selection("topic", telephony, "from", from, "to", middle, "account", account), 10)
                .getLong("count"));
        assertEquals(0, dryRun(selection("topic", Topic.MWI.topicName(), "from", from, "to", to, "account", account), 10)
                .getLong("count"));

        Set<String> earlyIds = ids(early.subList(0, 4));
        Set<String> lateIds = ids(late);
        JsonPath all = dryRun(selection("topic", telephony, "from", from, "to", to, "account", account), 10);
        List<Map<String, Object>> sample = all.getList("sample");
        assertEquals(6, sample.size());
        Set<String> sampled = new HashSet<>();
        for (Map<String, Object> event : sample) {
            assertEquals(telephony, event.get("topic"));
            assertEquals(account, event.get("account"));
            assertTrue(((String) event.get("key")).startsWith(account + "/"));
            assertTrue(event.get("type").equals(FORWARDING) || event.get("type").equals(DND));
            assertTrue(event.get("partition") instanceof Integer);
            assertTrue(event.get("offset") instanceof Number);
            sampled.add((String) event.get("eventId"));
        }
        Set<String> expected = new HashSet<>(earlyIds);
        expected.addAll(lateIds);
        assertEquals(expected, sampled);

        // the first N are the earliest: a sample of 4 holds exactly the events sent before 'middle'
        JsonPath firstFour = dryRun(selection("topic", telephony, "from", from, "to", to, "account", account), 4);
        assertEquals(6, firstFour.getLong("count"));
        assertEquals(earlyIds, new HashSet<>(firstFour.getList("sample.eventId", String.class)));
    }

    @Test
    void anExecutedReplayReachesTheReplayTopicUnchangedAndIsAppliedOncePerReplayId() {
        String email = freshEmail("replay");
        Instant from = Instant.now().minusSeconds(1);
        Envelope original = TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                new ZoomUserLinked("acme", email, "Rita", "Replay", "+4989700712001", UUID.randomUUID().toString(), null));
        awaitProcessed(original.id(), 1);
        IdempotentConsumer consumer = messaging.consumer().orElseThrow();
        Instant to = Instant.now().plusSeconds(1);
        String key = "acme/" + email;
        // the key alone also selects what cloudlink-daemon published for this user (CloudLinkUserCreated, ...)
        Map<String, Object> selection = selection("topic", Topic.PROVISIONING.topicName(), "from", from, "to", to,
                "key", key, "eventType", "ZoomUserLinked");

        String replayId = post(operator(), Map.of("selection", selection, "target", "cloudlink-daemon",
                "ratePerSecond", 100)).statusCode(202)
                .header("Location", matchesPattern(".*/api/v1/replays/[0-9a-f-]{36}"))
                .body("status", equalTo("running"))
                .body("target", equalTo("cloudlink-daemon"))
                .extract().path("id");
        JsonPath done = awaitFinished(replayId);
        assertEquals("completed", done.getString("status"));
        assertEquals(1, done.getLong("selected"));
        assertEquals(1, done.getLong("sent"));
        assertEquals(1.0, done.getDouble("progress"));
        assertTrue(done.getString("startedAt") != null && done.getString("finishedAt") != null);
        assertNull(done.get("error"));

        ConsumerRecord<String, byte[]> originalRecord = only(Topic.PROVISIONING.topicName(), key);
        ConsumerRecord<String, byte[]> replayed = only(ServiceName.CLOUDLINK_DAEMON.replayTopic(), key);
        assertArrayEquals(originalRecord.value(), replayed.value(), "the body is sent unchanged");
        for (Header header : originalRecord.headers()) {
            assertArrayEquals(header.value(), replayed.headers().lastHeader(header.key()).value(), header.key());
        }
        assertEquals(replayId, TestEvents.header(replayed, CloudEventHeaders.REPLAY_ID));
        assertEquals(original.id().toString(), TestEvents.header(replayed, CloudEventHeaders.REPLAY_OF));

        // the target applies it again, keyed by the replay id
        awaitProcessed(original.id(), 2);
        assertEquals(1, processedWith(original.id(), UUID.fromString(replayId)));

        // the same replayed record delivered once more is a duplicate: no third application
        long duplicatesBefore = consumer.duplicates();
        TestEvents.send(bootstrap, List.of(new ProducerRecord<>(replayed.topic(), null, replayed.key(), replayed.value(),
                new RecordHeaders(replayed.headers().toArray()))));
        TestEvents.await("the duplicate to be seen", Duration.ofSeconds(15), () -> consumer.duplicates() > duplicatesBefore);
        assertEquals(2, processedRows(original.id()));

        // a second replay is a new replay id: applied again
        String second = post(operator(), Map.of("selection", selection, "target", "cloudlink-daemon")).statusCode(202)
                .extract().path("id");
        assertEquals("completed", awaitFinished(second).getString("status"));
        awaitProcessed(original.id(), 3);
        assertEquals(1, processedWith(original.id(), UUID.fromString(second)));

        // and the replayed records are journaled with their replay id
        JsonPath journal = awaitItems(Map.of("topic", ServiceName.CLOUDLINK_DAEMON.replayTopic(), "subject", email), 2);
        Set<String> journaledReplays = new HashSet<>(journal.getList("items.replayId", String.class));
        assertTrue(journaledReplays.contains(replayId) && journaledReplays.contains(second), journaledReplays.toString());
    }

    @Test
    void aRedriveSendsDeadLettersBackToTheirTopicWithoutTheReasonHeaders() {
        String email = freshEmail("redrive");
        String key = "acme/" + email;
        Instant from = Instant.now().minusSeconds(1);
        ZoomUserLinked payload = new ZoomUserLinked("acme", email, "Dora", "Dead", "+4989700712002",
                UUID.randomUUID().toString(), null);
        Envelope envelope = TestEvents.envelope(ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED, payload);
        ProducerRecord<String, byte[]> event = TestEvents.record(EventTypes.ZOOM_USER_LINKED, envelope, payload);
        RecordHeaders headers = new RecordHeaders(event.headers().toArray());
        CloudEventHeaders.put(headers, CloudEventHeaders.DLQ_REASON, "HANDLER_REJECTED");
        CloudEventHeaders.put(headers, CloudEventHeaders.DLQ_DETAIL, "failed 5 times");
        CloudEventHeaders.put(headers, CloudEventHeaders.DLQ_ORIGINAL_TOPIC, Topic.PROVISIONING.topicName());
        CloudEventHeaders.put(headers, CloudEventHeaders.DLQ_ORIGINAL_PARTITION, "1");
        CloudEventHeaders.put(headers, CloudEventHeaders.DLQ_ORIGINAL_OFFSET, "7");
        CloudEventHeaders.put(headers, CloudEventHeaders.DLQ_CONSUMER, "openpsi.cloudlink-daemon");
        TestEvents.send(bootstrap, List.of(new ProducerRecord<>(Topic.PROVISIONING.dlqName(), null, key, event.value(), headers)));
        Instant to = Instant.now().plusSeconds(1);
        Map<String, Object> selection = selection("dlq", Topic.PROVISIONING.dlqName(), "topic",
                Topic.PROVISIONING.topicName(), "from", from, "to", to, "key", key);

        assertEquals(1, dryRun(selection, 5).getLong("count"));
        assertEquals(0, dryRun(selection("dlq", Topic.PROVISIONING.dlqName(), "topic", Topic.MWI.topicName(),
                "from", from, "to", to, "key", key), 5).getLong("count"));

        String id = post(operator(), Map.of("selection", selection, "redrive", true)).statusCode(202)
                .body("redrive", equalTo(true)).extract().path("id");
        assertEquals("completed", awaitFinished(id).getString("status"));

        ConsumerRecord<String, byte[]> redriven = only(Topic.PROVISIONING.topicName(), key);
        assertArrayEquals(event.value(), redriven.value());
        for (Header header : event.headers()) {
            assertArrayEquals(header.value(), redriven.headers().lastHeader(header.key()).value(), header.key());
        }
        List<String> dlqHeaders = new ArrayList<>();
        redriven.headers().forEach(h -> {
            if (h.key().startsWith("openpsi_dlq_")) {
                dlqHeaders.add(h.key());
            }
        });
        assertEquals(List.of(), dlqHeaders);
        assertEquals(id, TestEvents.header(redriven, CloudEventHeaders.REPLAY_ID));
        assertEquals(envelope.id().toString(), TestEvents.header(redriven, CloudEventHeaders.REPLAY_OF));
        // the stream's consumer applies the redriven event
        awaitProcessed(envelope.id(), 1);
        assertEquals(1, processedWith(envelope.id(), UUID.fromString(id)));
    }

    private ConsumerRecord<String, byte[]> only(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> records = TestEvents.read(bootstrap, topic, r -> key.equals(r.key()), 1,
                Duration.ofSeconds(15));
        assertTrue(!records.isEmpty(), "a record with key " + key + " on " + topic);
        return records.get(0);
    }

    private void awaitProcessed(UUID eventId, int rows) {
        TestEvents.await(rows + " processed_event rows of " + eventId, Duration.ofSeconds(20),
                () -> processedRows(eventId) >= rows);
    }

    private long processedRows(UUID eventId) {
        return count("select count(*) from processed_event where consumer = 'openpsi.cloudlink-daemon' and event_id = $1",
                Tuple.of(eventId));
    }

    private long processedWith(UUID eventId, UUID replayKey) {
        return count("select count(*) from processed_event where consumer = 'openpsi.cloudlink-daemon' and event_id = $1"
                + " and replay_key = $2", Tuple.of(eventId, replayKey));
    }

    private long count(String sql, Tuple params) {
        Row row = pool.preparedQuery(sql).execute(params).await().atMost(Duration.ofSeconds(10)).iterator().next();
        return row.getLong(0);
    }

    private static Set<String> ids(List<ProducerRecord<String, byte[]>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(new String(r.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8)));
        return ids;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
