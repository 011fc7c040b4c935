package dev.openpsi.cloudlinkdaemon.connector;

import static dev.openpsi.cloudlinkdaemon.connector.Connectors.nodes;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.cloudlinkdaemon.connector.Connectors.Linked;
import dev.openpsi.events.payload.platform.ComponentStatus;
import dev.openpsi.events.payload.platform.ComponentStatusChanged;
import dev.openpsi.testkit.keycloak.DemoTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The OSV switch status through heartbeats and "enable container", each change published once. */
@QuarkusTest
class ComponentStatusTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static void expect(Linked c, String status, boolean degraded) {
        JsonPath view = Connectors.component(ACME_ADMIN, c);
        assertEquals(status, view.getString("status"), view.prettify());
        assertEquals(degraded, view.getBoolean("degraded"), view.prettify());
    }

    @Test
    void anOsvDuplexThroughEveryStatus() {
        Linked osv = Connectors.linkNew(ACME_ADMIN, "acme", "OSV_NODE", "OSV duplex");
        expect(osv, "connectedDeactivated", false);

        // both nodes up: still deactivated, nodes shown
        Connectors.heartbeat(osv, nodes(true, true), false).then().statusCode(200)
                .body("status", equalTo("connectedDeactivated"))
                .body("degraded", equalTo(false));
        JsonPath view = Connectors.component(ACME_ADMIN, osv);
        assertEquals(List.of(Map.of("name", "osv-a", "connected", true), Map.of("name", "osv-b", "connected", true)),
                view.getList("nodes"));
        assertTrue(Instant.parse(view.getString("lastHeartbeatAt")).isAfter(Instant.now().minusSeconds(30)));

        // enable container: Connected and activated
        Connectors.enable(ACME_ADMIN, osv).then().statusCode(200)
                .body("status", equalTo("connectedActivated"))
                .body("degraded", equalTo(false));
        // a healthy Connected and activated has nothing to re-enable
        Connectors.enable(ACME_ADMIN, osv).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/container-not-enableable"))
                .body("detail", equalTo("cannot enable the container: the component is already Connected and activated; "
                        + "re-enabling the container only fixes a degraded state"));

        // one node of the duplex not connected: degraded
        Connectors.heartbeat(osv, nodes(true, false), false).then().statusCode(200)
                .body("status", equalTo("connectedActivated"))
                .body("degraded", equalTo(true));
        view = Connectors.component(ACME_ADMIN, osv);
        assertTrue(view.getString("statusDetail").contains("node osv-b not connected"), view.getString("statusDetail"));
        assertEquals(false, view.getList("nodes", Map.class).get(1).get("connected"));

        // the node is back, but the system stays degraded until the container is re-enabled
        Connectors.heartbeat(osv, nodes(true, true), false).then().statusCode(200).body("degraded", equalTo(true));
        assertTrue(Connectors.component(ACME_ADMIN, osv).getString("statusDetail").contains("re-enable the container"));
        Connectors.enable(ACME_ADMIN, osv).then().statusCode(200)
                .body("status", equalTo("connectedActivated"))
                .body("degraded", equalTo(false))
                .body("statusDetail", equalTo(null));

        // a failover degrades too; re-enabling fixes it
        Connectors.heartbeat(osv, nodes(true, true), true).then().statusCode(200).body("degraded", equalTo(true));
        Connectors.enable(ACME_ADMIN, osv).then().statusCode(200).body("degraded", equalTo(false));

        List<ComponentStatusChanged> events = Connectors.published(bootstrap, osv, 6);
        assertEquals(List.of(ComponentStatus.CONNECTED_DEACTIVATED, ComponentStatus.CONNECTED_ACTIVATED,
                ComponentStatus.DEGRADED, ComponentStatus.CONNECTED_ACTIVATED, ComponentStatus.DEGRADED,
                ComponentStatus.CONNECTED_ACTIVATED), events.stream().map(ComponentStatusChanged::status).toList(),
                "one event per status change, none for heartbeats that change nothing");
        assertTrue(events.get(2).detail().contains("node osv-b not connected"), events.get(2).detail());
        assertTrue(events.get(4).detail().startsWith("failover reported"), events.get(4).detail());
    }

    @Test
    void enableContainerOnlyWhereTheRulesAllowIt() {
        Linked sbc = Connectors.linkNew(ACME_ADMIN, "acme", "SBC", "SBC");
        Connectors.enable(ACME_ADMIN, sbc).then().statusCode(409)
                .body("type", endsWith("/container-not-enableable"))
                .body("detail", containsString("only an OSV node has a container"));

        Linked osv = Connectors.linkNew(ACME_ADMIN, "acme", "OSV_NODE", "OSV simplex");
        Connectors.enable(ACME_USER, osv).then().statusCode(403);
        Connectors.enable(GLOBEX_ADMIN, osv).then().statusCode(404);
        expect(osv, "connectedDeactivated", false);
        Connectors.enable(ACME_ADMIN, osv).then().statusCode(200).body("status", equalTo("connectedActivated"));
    }

    @Test
    void theInventoryIsStoredWithItsTime() {
        Linked cmp = Connectors.linkNew(ACME_ADMIN, "acme", "CMP", "CMP with inventory");
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when()
                .get(Connectors.COMPONENT + "/inventory", "acme", cmp.id()).then().statusCode(404);
        Map<String, Object> report = Map.of("version", "V10R3.2", "nodes", List.of("osv-a"), "subscribers", 1234);
        Instant before = Instant.now().minusSeconds(1);
        String next = given().auth().oauth2(Connectors.connectorToken()).header("X-Connector-Credential", cmp.credential())
                .contentType(ContentType.JSON).body(report)
                .when().post(Connectors.INVENTORY, cmp.id()).then().statusCode(200)
                .extract().path("nextInventoryBy");
        assertTrue(Instant.parse(next).isAfter(Instant.now().plusSeconds(29 * 60)), next);

        JsonPath view = Connectors.component(ACME_ADMIN, cmp);
        assertTrue(Instant.parse(view.getString("lastInventoryAt")).isAfter(before), view.getString("lastInventoryAt"));
        assertFalse(view.getBoolean("inventoryOverdue"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when()
                .get(Connectors.COMPONENT + "/inventory", "acme", cmp.id()).then().log().ifValidationFails().statusCode(200)
                .body("version", equalTo("V10R3.2"))
                .body("subscribers", equalTo(1234));

        // not a JSON object; a wrong credential
        given().auth().oauth2(Connectors.connectorToken()).header("X-Connector-Credential", cmp.credential())
                .contentType(ContentType.JSON).body("[1,2]")
                .when().post(Connectors.INVENTORY, cmp.id()).then().statusCode(400);
        given().auth().oauth2(Connectors.connectorToken()).header("X-Connector-Credential", "clc_wrong")
                .contentType(ContentType.JSON).body(report)
                .when().post(Connectors.INVENTORY, cmp.id()).then().statusCode(403);
        assertNull(Connectors.component(ACME_ADMIN, cmp).getString("statusDetail"));
    }
}
