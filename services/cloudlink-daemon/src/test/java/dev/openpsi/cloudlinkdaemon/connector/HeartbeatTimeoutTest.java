package dev.openpsi.cloudlinkdaemon.connector;

import static dev.openpsi.cloudlinkdaemon.connector.Connectors.nodes;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.cloudlinkdaemon.connector.Connectors.Linked;
import dev.openpsi.events.payload.platform.ComponentStatus;
import dev.openpsi.events.payload.platform.ComponentStatusChanged;
import dev.openpsi.testkit.events.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With short intervals: a missed heartbeat timeout disconnects (scheduled check), a late inventory is flagged. */
@QuarkusTest
@TestProfile(HeartbeatTimeoutTest.ShortIntervals.class)
class HeartbeatTimeoutTest {

    /** Heartbeat timeout 4 s checked every 200 ms; inventory every 3 s with no grace. */
    public static class ShortIntervals implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpsi.connectors.heartbeat-timeout", "4s",
                    "openpsi.connectors.check-interval", "200ms",
                    "openpsi.connectors.inventory-interval", "3s",
                    "openpsi.connectors.inventory-grace", "0s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String status(Linked c) {
        return Connectors.component(ACME_ADMIN, c).getString("status");
    }

    @Test
    void aMissedHeartbeatTimeoutDisconnectsAndTheNextHeartbeatReconnects() {
        Linked osv = Connectors.linkNew(ACME_ADMIN, "acme", "OSV_NODE", "OSV timing out");
        Connectors.enable(ACME_ADMIN, osv).then().statusCode(200).body("status", equalTo("connectedActivated"));

        TestEvents.await("the heartbeat timeout", Duration.ofSeconds(15), () -> status(osv).equals("disconnected"));
        assertTrue(Connectors.component(ACME_ADMIN, osv).getString("statusDetail").startsWith("no heartbeat since"));
        // Disconnected: the container cannot be enabled
        Connectors.enable(ACME_ADMIN, osv).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/container-not-enableable"))
                .body("detail", startsWith("cannot enable the container: the component is Disconnected"));

        // the connector is back: Connected and activated again (the container kept its state)
        Connectors.heartbeat(osv, nodes(true, true), false).then().statusCode(200)
                .body("status", equalTo("connectedActivated"))
                .body("degraded", equalTo(false));

        List<ComponentStatusChanged> events = Connectors.published(bootstrap, osv, 4);
        assertEquals(List.of(ComponentStatus.CONNECTED_DEACTIVATED, ComponentStatus.CONNECTED_ACTIVATED,
                ComponentStatus.DISCONNECTED, ComponentStatus.CONNECTED_ACTIVATED),
                events.stream().map(ComponentStatusChanged::status).toList());
        assertTrue(events.get(2).detail().startsWith("no heartbeat since"), events.get(2).detail());
    }

    @Test
    void anInventoryIsFlaggedOverdueUntilTheNextReport() {
        Linked cmp = Connectors.linkNew(ACME_ADMIN, "acme", "CMP", "CMP with a late inventory");
        TestEvents.await("the inventory to be overdue", Duration.ofSeconds(15),
                () -> Connectors.component(ACME_ADMIN, cmp).getBoolean("inventoryOverdue"));
        given().auth().oauth2(Connectors.connectorToken()).header("X-Connector-Credential", cmp.credential())
                .contentType(ContentType.JSON).body(Map.of("version", "1"))
                .when().post(Connectors.INVENTORY, cmp.id()).then().statusCode(200);
        assertEquals(false, Connectors.component(ACME_ADMIN, cmp).getBoolean("inventoryOverdue"));
    }
}
