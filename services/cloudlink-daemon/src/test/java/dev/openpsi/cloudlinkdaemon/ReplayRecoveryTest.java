package dev.openpsi.cloudlinkdaemon;

import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.freshEmail;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.REPLAYS;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.awaitFinished;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.operator;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.post;
import static dev.openpsi.cloudlinkdaemon.ReplayTestSupport.selection;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.cloudlinkdaemon.replay.ReplayRecovery;
import dev.openpsi.cloudlinkdaemon.replay.ReplayRepository;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.testkit.events.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A replay left running by a daemon that stopped is failed; one this instance runs is left alone. */
@QuarkusTest
class ReplayRecoveryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Inject
    ReplayRecovery recovery;

    @Test
    void aReplayOfAStoppedDaemonIsFailedAndOneRunningHereIsNotTouched() {
        // what a previous instance left: running, 12 of 40 sent, its last heartbeat 10 minutes ago
        UUID abandoned = UUID.randomUUID();
        pool.preparedQuery("""
                insert into replay (id, kind, requested_by, account, request, target, dry_run, status, selected, sent,
                       requested_at, started_at, heartbeat_at)
                values ($1, 'replay', 'admin@acme.example', 'acme', '{"target":"zoom-sync"}'::jsonb, 'zoom-sync', false,
                       'running', 40, 12, now() - interval '11 minutes', now() - interval '11 minutes',
                       now() - interval '10 minutes')""").execute(Tuple.of(abandoned)).await().atMost(Duration.ofSeconds(10));
        // and one that read its range in one pass: a quarter read, 3 sent so far
        UUID abandonedMidScan = UUID.randomUUID();
        pool.preparedQuery("""
                insert into replay (id, kind, requested_by, account, request, target, dry_run, status, selected, sent,
                       scanned, to_scan, requested_at, started_at, heartbeat_at)
                values ($1, 'replay', 'admin@acme.example', 'acme', '{"target":"zoom-sync"}'::jsonb, 'zoom-sync', false,
                       'running', 3, 3, 250, 1000, now() - interval '11 minutes', now() - interval '11 minutes',
                       now() - interval '10 minutes')""").execute(Tuple.of(abandonedMidScan)).await().atMost(Duration.ofSeconds(10));

        // a replay of this instance, still sending: five records at one per second
        String email = freshEmail("recovery");
        Instant from = Instant.now().minusSeconds(1);
        for (String first : List.of("Rosa", "Rosi", "Rosalie", "Rosamund", "Rosanna")) {
            TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_UPDATED,
                    new ZoomUserUpdated("acme", email, first, "Recovery", "+4989700712002", UUID.randomUUID().toString(), null));
        }
        Map<String, Object> mine = selection("topic", Topic.PROVISIONING.topicName(), "from", from,
                "to", Instant.now().plusSeconds(1), "key", "acme/" + email, "eventType", "ZoomUserUpdated");
        String live = post(operator(), Map.of("selection", mine, "target", "zoom-sync", "ratePerSecond", 1))
                .statusCode(202).extract().path("id");

        // (the instance's own tick may get there first: the outcome is the same)
        List<ReplayRepository.Abandoned> failed = recovery.recover();

        assertFalse(failed.stream().anyMatch(a -> a.id().toString().equals(live)), failed.toString());
        JsonPath row = given().auth().oauth2(operator()).when().get(REPLAYS + "/{id}", abandoned).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("failed", row.getString("status"));
        assertEquals("interrupted: the daemon stopped after 12 of 40 records; run the replay again", row.getString("error"));
        assertEquals(12, row.getLong("sent"));
        assertNotNull(row.getString("finishedAt"));
        JsonPath midScan = given().auth().oauth2(operator()).when().get(REPLAYS + "/{id}", abandonedMidScan).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("failed", midScan.getString("status"));
        assertEquals("interrupted: the daemon stopped after 3 records sent, 250 of 1000 records read; run the replay again",
                midScan.getString("error"));
        // the audit list shows it failed as well
        List<String> listed = given().auth().oauth2(operator()).queryParam("kind", "replay").queryParam("limit", 500)
                .when().get(REPLAYS).then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.id == '" + abandoned + "' }.status", String.class);
        assertEquals(List.of("failed"), listed);

        // the live replay was kept alive and finishes normally
        assertEquals("running", given().auth().oauth2(operator()).when().get(REPLAYS + "/{id}", live).then()
                .statusCode(200).extract().path("status"));
        Instant heartbeat = pool.preparedQuery("select heartbeat_at from replay where id = $1")
                .execute(Tuple.of(UUID.fromString(live))).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getOffsetDateTime("heartbeat_at").toInstant();
        assertTrue(heartbeat.isAfter(Instant.now().minusSeconds(30)), "heartbeat " + heartbeat);
        JsonPath done = awaitFinished(live);
        assertEquals("completed", done.getString("status"));
        assertEquals(5, done.getLong("selected"));
        assertEquals(5, done.getLong("sent"));
        assertNull(done.get("error"));

        // nothing left to recover
        assertFalse(recovery.recover().stream().anyMatch(a -> a.id().toString().equals(live)));
    }
}
