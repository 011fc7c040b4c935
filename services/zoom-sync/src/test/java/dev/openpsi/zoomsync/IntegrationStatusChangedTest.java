package dev.openpsi.zoomsync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.platform.IntegrationStatusChanged;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.keycloak.DemoTokens;
import dev.openpsi.testkit.zoom.ZoomSimulator;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * IntegrationStatusChanged: one event per actual change of the integration, OAuth or sync status,
 * with the old and new values, keyed account/integration:zoom; a refresh or a sync that changes
 * nothing publishes nothing.
 */
@QuarkusTest
@WithTestResource(value = ZoomSimulatorResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class IntegrationStatusChangedTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static IntegrationStatusChanged change(String account, String integration, String oauth, String sync,
            String previousIntegration, String previousOauth, String previousSync, String detail) {
        return new IntegrationStatusChanged(account, IntegrationStatusChanged.ZOOM, integration, oauth, sync,
                previousIntegration, previousOauth, previousSync, detail);
    }

    @Test
    void everyStatusFlipIsOneEventWithOldAndNewValuesAndNoOpsPublishNothing() {
        String account = ZoomFixture.freshAccount("status");
        ZoomSimulator sim = ZoomFixture.tenant(account);
        ZoomFixture.connectServerToServer(account).then().statusCode(200).body("integrationStatus", equalTo("Connected"));

        ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("succeeded"));
        // no-ops: a second successful sync and a refresh of a working connection
        ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("succeeded"));
        given().auth().oauth2(DemoTokens.service("zoom-sync")).queryParam("account", account).when()
                .post(ZoomFixture.CONNECTION + "/refresh").then().statusCode(200).body("integrationStatus", equalTo("Connected"));

        // the flip: Zoom fails the user listing, the sync fails
        sim.failNext(ZoomSimulator.LIST_USERS, 10_000, 500);
        try {
            ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("failed"));
            ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("failed")); // no change again
        } finally {
            sim.clearFaults();
        }
        String syncError = ZoomFixture.connection(account).then().statusCode(200)
                .body("integrationStatus", equalTo("Error")).body("syncStatus", equalTo("Failed"))
                .extract().path("syncError");

        // and back: the next successful sync
        ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("succeeded"));

        List<ConsumerRecord<String, byte[]>> records = TestEvents.read(bootstrap, Topic.PLATFORM.topicName(),
                        TestEvents.ofType(EventTypes.INTEGRATION_STATUS_CHANGED, account), 6, WAIT).stream()
                .sorted(Comparator.comparingLong(ConsumerRecord::offset)).toList();
        List<IntegrationStatusChanged> events = records.stream()
                .map(r -> TestEvents.payload(EventTypes.INTEGRATION_STATUS_CHANGED, r)).toList();
        assertEquals(List.of(
                change(account, "Pending", "Pending", null, null, null, null, null),
                change(account, "Pending", "Authorized", null, "Pending", "Pending", null, null),
                change(account, "Connected", "Authorized", null, "Pending", "Authorized", null, null),
                change(account, "Connected", "Authorized", "Successful", "Connected", "Authorized", null, null),
                change(account, "Error", "Authorized", "Failed", "Connected", "Authorized", "Successful", syncError),
                change(account, "Connected", "Authorized", "Successful", "Error", "Authorized", "Failed", null)),
                events, "one event per change, none for the no-ops");
        assertTrue(syncError != null && !syncError.isBlank(), "the failure's details travel with it");
        for (ConsumerRecord<String, byte[]> r : records) {
            assertEquals(account + "/integration:zoom", r.key());
            assertEquals("integration:zoom", TestEvents.header(r, CloudEventHeaders.SUBJECT));
        }
    }
}
