package dev.openpsi.cloudlinkdaemon;

import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.awaitFinished;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.dryRun;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.operator;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.post;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.selection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;
import dev.openpsi.testkit.events.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A replay over a range spread across every partition of a topic: the scan's parallel readers
 * must together find every selected record, exactly once, and the one sending thread must keep
 * each key's order (the order a consumer of the replay topic relies on).
 */
@QuarkusTest
class ReplayScanTest {

    private static final int KEYS = 12;
    private static final int PER_KEY = 25;
    private static final String TYPE = "dev.openpsi.platform.ComponentStatusChanged.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aReplayAcrossPartitionsSendsEverySelectedRecordOnceInEachKeysOrder() {
        String account = "scan-" + UUID.randomUUID().toString().substring(0, 8);
        String dlq = Topic.PLATFORM.dlqName();
        Instant from = Instant.now().minusSeconds(1);
        // interleaved keys (they hash to all partitions), each key's records numbered in send order,
        // plus as many records of another account that the selection must pass over
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int n = 0; n < PER_KEY; n++) {
            for (int k = 0; k < KEYS; k++) {
                records.add(record(dlq, account, account + "/component-" + k, n));
                records.add(record(dlq, "scan-other", "scan-other/component-" + k, n));
            }
        }
        TestEvents.send(bootstrap, records);
        Instant to = Instant.now().plusSeconds(1);
        Map<String, Object> selection = selection("dlq", dlq, "from", from, "to", to, "account", account);

        JsonPath dry = dryRun(selection, 5);
        assertEquals(KEYS * PER_KEY, dry.getLong("count"));
        List<Map<String, Object>> sample = dry.getList("sample");
        assertEquals(5, sample.size());
        for (int i = 1; i < sample.size(); i++) {
            assertTrue(Instant.parse((String) sample.get(i - 1).get("timestamp"))
                    .compareTo(Instant.parse((String) sample.get(i).get("timestamp"))) <= 0,
                    "the sample is the earliest records, in time order: " + sample);
        }

        // a target whose service does not run here: the replay topic keeps exactly what was sent
        String id = post(operator(), Map.of("selection", selection, "target", ServiceName.E911_LOCATOR.id(),
                "ratePerSecond", 100_000)).statusCode(202).extract().path("id");
        JsonPath done = awaitFinished(id);
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals(KEYS * PER_KEY, done.getLong("selected"));
        assertEquals(KEYS * PER_KEY, done.getLong("sent"));
        assertEquals(1.0, done.getDouble("progress"));
        assertEquals(done.getLong("toScan"), done.getLong("scanned"), "the whole range was read");
        assertTrue(done.getLong("toScan") >= 2L * KEYS * PER_KEY, "the range holds both accounts' records");

        List<ConsumerRecord<String, byte[]>> replayed = TestEvents.read(bootstrap, ServiceName.E911_LOCATOR.replayTopic(),
                r -> id.equals(TestEvents.header(r, CloudEventHeaders.REPLAY_ID)), KEYS * PER_KEY, Duration.ofSeconds(20));
        assertEquals(KEYS * PER_KEY, replayed.size(), "each selected record once");
        Set<String> originals = new HashSet<>();
        Map<String, Integer> lastOfKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : replayed) {
            assertEquals(account, TestEvents.header(r, CloudEventHeaders.ACCOUNT));
            originals.add(TestEvents.header(r, CloudEventHeaders.REPLAY_OF));
            int n = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).replaceAll("\\D", ""));
            Integer previous = lastOfKey.put(r.key(), n);
            assertEquals(previous == null ? 0 : previous + 1, n, "key " + r.key() + " keeps its order");
        }
        assertEquals(KEYS * PER_KEY, originals.size(), "no record sent twice");
        assertEquals(KEYS, lastOfKey.size());
    }

    private static ProducerRecord<String, byte[]> record(String topic, String account, String key, int n) {
        RecordHeaders headers = TestEvents.cloudEventHeaders(ServiceName.CLOUDLINK_DAEMON, TYPE, account);
        CloudEventHeaders.put(headers, CloudEventHeaders.DLQ_REASON, "SCHEMA_VIOLATION");
        CloudEventHeaders.put(headers, CloudEventHeaders.DLQ_ORIGINAL_TOPIC, Topic.PLATFORM.topicName());
        return new ProducerRecord<>(topic, null, key, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), headers);
    }
}
