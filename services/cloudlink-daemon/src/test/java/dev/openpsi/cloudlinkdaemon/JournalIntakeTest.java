package dev.openpsi.cloudlinkdaemon;

import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.JOURNAL;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.awaitItems;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.freshEmail;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.raw;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.service;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.cloudlinkdaemon.journal.JournalConfig;
import dev.openpsi.cloudlinkdaemon.journal.JournalIntake;
import dev.openpsi.cloudlinkdaemon.journal.JournalRetention;
import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.testkit.events.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The intake of the journal: every record of every topic lands once, poison and dead letters too, secrets masked. */
@QuarkusTest
class JournalIntakeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    JournalIntake intake;

    @Inject
    JournalRetention retention;

    @Inject
    Pool pool;

    @Test
    void anEventOfAStreamIsJournaledWithinSecondsWithItsColumns() {
        String email = freshEmail("jana");
        long sent = System.nanoTime();
        Envelope envelope = TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                new ZoomUserLinked("acme", email, "Jana", "Novak", "+4989700719999", UUID.randomUUID().toString(), null));
        JsonPath page = awaitItems(Map.of("subject", email, "type", "ZoomUserLinked"), 1);
        long millis = Duration.ofNanos(System.nanoTime() - sent).toMillis();
        System.out.println("journal: ZoomUserLinked listed " + millis + " ms after it was sent");
        assertTrue(millis < 5_000, "journaled within a few seconds, took " + millis + " ms");

        assertEquals(1, page.getList("items").size());
        assertEquals(envelope.id().toString(), page.getString("items[0].eventId"));
        assertEquals(EventTypes.ZOOM_USER_LINKED.ceType(), page.getString("items[0].type"));
        assertEquals("ZoomUserLinked", page.getString("items[0].event"));
        assertEquals("acme", page.getString("items[0].account"));
        assertEquals(email, page.getString("items[0].subject"));
        assertEquals(Topic.PROVISIONING.topicName(), page.getString("items[0].topic"));
        assertEquals("osv-adapter", page.getString("items[0].service"));
        assertFalse(page.getBoolean("items[0].dlq"));
        assertEquals(envelope.traceContext().orElseThrow().traceId(), page.getString("items[0].traceId"));
        assertNotNull(page.getString("items[0].time"));
        assertNotNull(page.getString("items[0].receivedAt"));

        long id = page.getLong("items[0].id");
        given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", id).then().statusCode(200)
                .body("coreDetails.eventId", equalTo(envelope.id().toString()))
                .body("coreDetails.key", equalTo("acme/" + email))
                .body("coreDetails.source", equalTo("/openpsi/osv-adapter"))
                .body("coreDetails.partition", notNullValue())
                .body("coreDetails.offset", notNullValue())
                .body("payload.email", equalTo(email))
                .body("payload.firstName", equalTo("Jana"))
                .body("extraDetails.dlq", nullValue())
                .body("extraDetails.headers.ce_id", equalTo(envelope.id().toString()))
                .body("logTags.traceId", equalTo(envelope.traceContext().orElseThrow().traceId()))
                .body("logTags.service", equalTo("osv-adapter"))
                .body("logTags.account", equalTo("acme"))
                .body("logTags.eventType", equalTo(EventTypes.ZOOM_USER_LINKED.ceType()));

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("openpsi_journal_lag_seconds"))
                .body(containsString("quantile=\"0.99\""));
    }

    @Test
    void poisonRecordsAndDeadLettersAreJournaledAndDeadLettersFilterable() {
        String dn = "+49897007" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String email = freshEmail("dead");
        String broken = "broken-" + UUID.randomUUID();
        TestEvents.send(bootstrap, List.of(
                // bad JSON on a live stream
                raw(Topic.MWI.topicName(), "acme/" + dn, "dev.openpsi.mwi.MessageWaitingChanged.v1", "acme", dn,
                        "{\"account\": \"acme\", \"dn\": ", Map.of()),
                // a dead letter as a consumer writes it
                raw(Topic.PROVISIONING.dlqName(), "acme/" + email, "dev.openpsi.provisioning.ZoomUserLinked.v1", "acme",
                        email, "{\"account\":\"acme\",\"email\":\"" + email + "\"}", Map.of(
                                CloudEventHeaders.DLQ_REASON, "SCHEMA_VIOLATION",
                                CloudEventHeaders.DLQ_DETAIL, "$.firstName: is missing but it is required",
                                CloudEventHeaders.DLQ_ORIGINAL_TOPIC, Topic.PROVISIONING.topicName(),
                                CloudEventHeaders.DLQ_ORIGINAL_PARTITION, "2",
                                CloudEventHeaders.DLQ_ORIGINAL_OFFSET, "41",
                                CloudEventHeaders.DLQ_CONSUMER, "openpsi.zoom-sync")),
                // no envelope at all: only a subject header, binary garbage as value
                new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(Topic.PLATFORM.topicName(), null, (String) null,
                        new byte[] {(byte) 0xff, 0, 1, 'x'},
                        new org.apache.kafka.common.header.internals.RecordHeaders(new org.apache.kafka.common.header.Header[] {
                                new org.apache.kafka.common.header.internals.RecordHeader(CloudEventHeaders.SUBJECT,
                                        broken.getBytes())}))));

        JsonPath poison = awaitItems(Map.of("subject", dn), 1);
        assertFalse(poison.getBoolean("items[0].dlq"));
        given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", poison.getLong("items[0].id")).then().statusCode(200)
                .body("payload", nullValue())
                .body("payloadText", equalTo("{\"account\": \"acme\", \"dn\": "))
                .body("coreDetails.topic", equalTo(Topic.MWI.topicName()));
        assertEquals(0, given().auth().oauth2(service()).queryParam("subject", dn).queryParam("dlq", true).when()
                .get(JOURNAL).then().statusCode(200).extract().jsonPath().getList("items").size());

        JsonPath dead = awaitItems(Map.of("subject", email, "dlq", "true"), 1);
        assertEquals(1, dead.getList("items").size());
        assertTrue(dead.getBoolean("items[0].dlq"));
        assertEquals("SCHEMA_VIOLATION", dead.getString("items[0].dlqReason"));
        assertEquals(Topic.PROVISIONING.dlqName(), dead.getString("items[0].topic"));
        given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", dead.getLong("items[0].id")).then().statusCode(200)
                .body("extraDetails.dlq.reason", equalTo("SCHEMA_VIOLATION"))
                .body("extraDetails.dlq.detail", containsString("firstName"))
                .body("extraDetails.dlq.originalTopic", equalTo(Topic.PROVISIONING.topicName()))
                .body("extraDetails.dlq.originalPartition", equalTo(2))
                .body("extraDetails.dlq.originalOffset", equalTo(41))
                .body("extraDetails.dlq.consumer", equalTo("openpsi.zoom-sync"));
        given().auth().oauth2(service()).queryParam("dlq", true).queryParam("limit", 500).when().get(JOURNAL).then()
                .statusCode(200).body("items.dlq", not(org.hamcrest.Matchers.hasItem(false)));

        JsonPath garbage = awaitItems(Map.of("subject", broken), 1);
        assertNotNull(garbage.getString("items[0].envelopeError"), "the unreadable envelope says why");
        given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", garbage.getLong("items[0].id")).then().statusCode(200)
                .body("payloadText", containsString("x"))
                .body("coreDetails.eventId", nullValue())
                .body("coreDetails.topic", equalTo(Topic.PLATFORM.topicName()));
    }

    @Test
    void secretLookingMembersAndCredentialsInTextAreMasked() {
        String component = "cmp-" + UUID.randomUUID();
        String text = "text-" + UUID.randomUUID();
        TestEvents.send(bootstrap, List.of(
                raw(Topic.PLATFORM.topicName(), "acme/" + component, "dev.openpsi.platform.VendorThing.v1", "acme", component,
                        "{\"component\":\"" + component + "\",\"password\":\"hunter2\",\"nested\":{\"apiKey\":\"k-98765\","
                                + "\"items\":[{\"clientSecret\":\"s-55555\"}]},\"note\":\"login token=abc-4711\"}",
                        Map.of("authorization", "Bearer zzz-token-1234", "x-note", "password=hdr-8888")),
                raw(Topic.PLATFORM.topicName(), "acme/" + text, "dev.openpsi.platform.VendorThing.v1", "acme", text,
                        "user=admin password=hunter3 and more", Map.of())));

        JsonPath json = awaitItems(Map.of("subject", component), 1);
        String body = given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", json.getLong("items[0].id")).then()
                .statusCode(200)
                .body("payload.password", equalTo("***"))
                .body("payload.nested.apiKey", equalTo("***"))
                .body("payload.nested.items[0].clientSecret", equalTo("***"))
                .body("payload.component", equalTo(component))
                .body("extraDetails.headers.authorization", equalTo("***"))
                .extract().asString();
        for (String secret : List.of("hunter2", "k-98765", "s-55555", "abc-4711", "zzz-token-1234", "hdr-8888")) {
            assertFalse(body.contains(secret), "the journal shows " + secret + ": " + body);
        }

        JsonPath plain = awaitItems(Map.of("subject", text), 1);
        String textBody = given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", plain.getLong("items[0].id")).then()
                .statusCode(200).body("payload", nullValue()).body("payloadText", containsString("password=***"))
                .extract().asString();
        assertFalse(textBody.contains("hunter3"), textBody);
    }

    @Test
    void aRestartedConsumerThatGetsRecordsAgainDoesNotDuplicateRows() throws Exception {
        String email = freshEmail("redo");
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                new ZoomUserLinked("acme", email, "Redo", "Twice", "+4989700718888", UUID.randomUUID().toString(), null));
        JsonPath page = awaitItems(Map.of("subject", email, "type", "ZoomUserLinked"), 1);
        TopicPartition partition = new TopicPartition(Topic.PROVISIONING.topicName(), page.getInt("items[0].partition"));
        long offset = page.getLong("items[0].offset");

        intake.stop();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // rewind the journal's group before the event: the restarted consumer gets it (and what follows) again
            TestEvents.await("the journal group rewound", Duration.ofSeconds(30), () -> {
                try {
                    admin.alterConsumerGroupOffsets(JournalConfig.GROUP, Map.of(partition, new OffsetAndMetadata(offset)))
                            .all().get();
                    return true;
                } catch (Exception stillMember) {
                    return false;
                }
            });
            intake.start();
            long end = admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .partitionResult(partition).get().offset();
            TestEvents.await("the journal group past the event again", Duration.ofSeconds(30), () -> {
                try {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(JournalConfig.GROUP)
                            .partitionsToOffsetAndMetadata().get().get(partition);
                    return committed != null && committed.offset() >= end;
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            intake.start();
        }
        JsonPath again = given().auth().oauth2(service()).queryParam("subject", email).queryParam("type", "ZoomUserLinked")
                .when().get(JOURNAL).then().statusCode(200).extract().jsonPath();
        assertEquals(1, again.getList("items").size(), "one row per Kafka position");
    }

    @Test
    void rowsOlderThanTheRetentionArePurged() {
        String subject = "old-" + UUID.randomUUID();
        long id = pool.preparedQuery("""
                insert into journal_event (topic, kafka_partition, kafka_offset, account, subject, received_at)
                values ('openpsi.platform.v1', 0, $1, 'acme', $2, now() - interval '31 days') returning id""")
                .execute(Tuple.of(-ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), subject))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("id");
        given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", id).then().statusCode(200);
        assertTrue(retention.purge() >= 1);
        given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", id).then().statusCode(404);
    }
}
