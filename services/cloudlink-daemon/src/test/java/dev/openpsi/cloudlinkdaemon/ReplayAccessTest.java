package dev.openpsi.cloudlinkdaemon;

import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.raw;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.OPERATOR;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.REPLAYS;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.operator;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.post;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.selection;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.Topic;
import dev.openpsi.messaging.KafkaClients;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.keycloak.DemoTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Who may replay or reset offsets, what is refused, and that every request is audited. */
@QuarkusTest
class ReplayAccessTest {

    private static final String RESET = "/api/v1/consumer-groups/{service}/offset-reset";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static Map<String, Object> dryRunOf(String account) {
        Map<String, Object> body = new HashMap<>();
        body.put("selection", selection("topic", Topic.MWI.topicName(), "from", Instant.now().minusSeconds(60),
                "to", Instant.now(), "account", account));
        body.put("target", "osv-adapter");
        body.put("dryRun", true);
        return body;
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyAccountAdminsOfTheAccountTheirPartnerAndOperatorsMayReplay() {
        String key = "acme/access-" + UUID.randomUUID();
        TestEvents.send(bootstrap, List.of(raw(Topic.MWI.topicName(), key, "dev.openpsi.mwi.MessageWaitingChanged.v1",
                "acme", "100", "{}", Map.of())));
        Map<String, Object> ownKey = dryRunOf("acme");
        ((Map<String, Object>) ownKey.get("selection")).put("key", key);
        ((Map<String, Object>) ownKey.get("selection")).put("to", Instant.now().plusSeconds(1).toString());
        post(DemoTokens.of(DemoTokens.ACME_ADMIN), ownKey).statusCode(200).body("count", equalTo(1))
                .body("sample[0].key", equalTo(key));
        post(DemoTokens.of(DemoTokens.ACME_USER), dryRunOf("acme")).statusCode(403)
                .contentType("application/problem+json");
        post(DemoTokens.of(DemoTokens.ACME_ADMIN), dryRunOf("globex")).statusCode(404)
                .contentType("application/problem+json");
        post(DemoTokens.of(DemoTokens.ACME_ADMIN), dryRunOf(null)).statusCode(403);
        post(DemoTokens.of(DemoTokens.ACME_ADMIN), dryRunOf("acme")).statusCode(200);
        post(DemoTokens.of(DemoTokens.PARTNER), dryRunOf("globex")).statusCode(200);
        post(DemoTokens.service("zoom-sync"), dryRunOf("acme")).statusCode(403);
        post(operator(), dryRunOf(null)).statusCode(200);
        post(operator(), dryRunOf("globex")).statusCode(200);
    }

    @Test
    void invalidRequestsNameTheFieldAndAreAuditedAsRefused() {
        Map<String, Object> noRange = new HashMap<>();
        noRange.put("selection", selection("topic", Topic.MWI.topicName(), "account", "acme"));
        noRange.put("target", "osv-adapter");
        post(operator(), noRange).statusCode(400).body("errors[0].field", equalTo("selection.from"));

        Map<String, Object> noTopic = dryRunOf("acme");
        noTopic.put("selection", selection("from", Instant.now().minusSeconds(5), "to", Instant.now()));
        post(operator(), noTopic).statusCode(400).body("errors[0].field", equalTo("selection.topic"));

        Map<String, Object> unknownTarget = dryRunOf("acme");
        unknownTarget.put("target", "nobody");
        post(operator(), unknownTarget).statusCode(400).body("errors[0].field", equalTo("target"));

        Map<String, Object> redriveWithoutDlq = dryRunOf("acme");
        redriveWithoutDlq.remove("target");
        redriveWithoutDlq.put("redrive", true);
        post(operator(), redriveWithoutDlq).statusCode(400).body("errors[0].field", equalTo("redrive"));

        JsonPath audit = given().auth().oauth2(operator()).queryParam("kind", "replay").queryParam("limit", 500)
                .when().get(REPLAYS).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> refused = audit.getList("findAll { it.status == 'refused' && it.refusedWith == 400 "
                + "&& it.requestedBy == '" + OPERATOR + "' && it.target == 'nobody' }");
        assertTrue(!refused.isEmpty(), "the refused request is audited");
    }

    @Test
    void everyRequestIsAuditedWithWhoWhenSelectionTargetAndOutcome() {
        String key = "acme/audit-" + UUID.randomUUID();
        Map<String, Object> forbidden = dryRunOf("acme");
        ((Map<String, Object>) forbidden.get("selection")).put("key", key);
        post(DemoTokens.of(DemoTokens.ACME_USER), forbidden).statusCode(403);
        post(DemoTokens.of(DemoTokens.ACME_ADMIN), forbidden).statusCode(200);

        List<Map<String, Object>> rows = given().auth().oauth2(operator()).queryParam("limit", 500).when().get(REPLAYS)
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.request.selection.key == '" + key + "' }");
        assertEquals(2, rows.size(), rows.toString());
        Map<String, Object> denied = rows.stream().filter(r -> "refused".equals(r.get("status"))).findFirst().orElseThrow();
        assertEquals(DemoTokens.ACME_USER, denied.get("requestedBy"));
        assertEquals(403, denied.get("refusedWith"));
        assertEquals("acme", denied.get("account"));
        assertEquals("osv-adapter", denied.get("target"));
        assertTrue(denied.get("requestedAt") != null);
        Map<String, Object> allowed = rows.stream().filter(r -> "dry-run".equals(r.get("status"))).findFirst().orElseThrow();
        assertEquals(DemoTokens.ACME_ADMIN, allowed.get("requestedBy"));
        assertEquals(0, ((Number) allowed.get("selected")).intValue());

        // the acme admin lists acme's requests; globex's admin does not see them
        given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN)).queryParam("limit", 500).when().get(REPLAYS).then()
                .statusCode(200).body("request.selection.key", hasItem(key));
        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).queryParam("limit", 500).when().get(REPLAYS).then()
                .statusCode(200).body("request.selection.key", not(hasItem(key)));
        String id = (String) allowed.get("id");
        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).when().get(REPLAYS + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN)).when().get(REPLAYS + "/{id}", id).then().statusCode(200)
                .body("status", equalTo("dry-run"));
    }

    @Test
    void anOffsetResetIsRefusedWhileTheGroupHasMembersAndMovesItToTheTimeWithout() throws Exception {
        // cloudlink-daemon's own consumer runs in this JVM
        reset(operator(), "cloudlink-daemon", Instant.now().toString(), true).statusCode(409)
                .contentType("application/problem+json");
        reset(DemoTokens.of(DemoTokens.ACME_ADMIN), "e911-locator", Instant.now().toString(), true).statusCode(403);

        String group = "openpsi.e911-locator";
        String emergency = Topic.EMERGENCY.topicName();
        String key = "acme/reset-" + UUID.randomUUID() + "@acme.example.com";
        RecordMetadata before = send(emergency, key);
        Thread.sleep(50);
        Instant at = Instant.now();
        Thread.sleep(50);
        RecordMetadata after = send(emergency, key);
        TopicPartition partition = new TopicPartition(emergency, after.partition());

        try (KafkaConsumer<String, byte[]> member = new KafkaConsumer<>(
                KafkaClients.consumerConfig(bootstrap, group, "reset-test"), new StringDeserializer(), new ByteArrayDeserializer())) {
            member.subscribe(List.of(emergency));
            TestEvents.await("the member's assignment", Duration.ofSeconds(20), () -> {
                member.poll(Duration.ofMillis(200));
                return !member.assignment().isEmpty();
            });
            member.seekToEnd(member.assignment());
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            member.assignment().forEach(tp -> ends.put(tp, new OffsetAndMetadata(member.position(tp))));
            member.commitSync(ends);
            reset(operator(), "e911-locator", at.toString(), false).statusCode(409)
                    .body("detail", org.hamcrest.Matchers.containsString("active member"));
        }
        assertEquals(after.offset() + 1, committed(group, partition));

        JsonPath dry = reset(operator(), "e911-locator", at.toString(), true).statusCode(200).extract().jsonPath();
        assertEquals(group, dry.getString("group"));
        assertEquals(after.offset(), dry.getLong("partitions.find { it.topic == '" + emergency + "' && it.partition == "
                + partition.partition() + " }.to"));
        assertEquals(after.offset() + 1, committed(group, partition), "a dry run moves nothing");

        reset(operator(), "e911-locator", at.toString(), false).statusCode(200).body("dryRun", equalTo(false));
        assertEquals(after.offset(), committed(group, partition));
        assertTrue(before.offset() < after.offset());

        List<Map<String, Object>> audited = given().auth().oauth2(operator()).queryParam("kind", "offset-reset")
                .queryParam("limit", 500).when().get(REPLAYS).then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.target == 'e911-locator' }");
        assertTrue(audited.stream().anyMatch(r -> "refused".equals(r.get("status")) && Integer.valueOf(409).equals(r.get("refusedWith"))));
        assertTrue(audited.stream().anyMatch(r -> "completed".equals(r.get("status"))));
    }

    private io.restassured.response.ValidatableResponse reset(String token, String service, String to, boolean dryRun) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("to", to, "dryRun", dryRun))
                .when().post(RESET, service).then();
    }

    private RecordMetadata send(String topic, String key) throws Exception {
        try (var producer = KafkaClients.producer(bootstrap, "reset-test")) {
            return producer.send(raw(topic, key, "dev.openpsi.emergency.EmergencyCallPlaced.v1", "acme", "x", "{}", Map.of()))
                    .get();
        }
    }

    private long committed(String group, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition).offset();
        }
    }

}
