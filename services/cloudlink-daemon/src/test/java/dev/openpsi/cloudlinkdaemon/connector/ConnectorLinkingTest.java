package dev.openpsi.cloudlinkdaemon.connector;

import static dev.openpsi.cloudlinkdaemon.connector.Connectors.COMPONENT;
import static dev.openpsi.cloudlinkdaemon.connector.Connectors.COMPONENTS;
import static dev.openpsi.cloudlinkdaemon.connector.Connectors.LINK;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.PARTNER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.cloudlinkdaemon.connector.Connectors.Linked;
import dev.openpsi.events.payload.platform.ComponentStatus;
import dev.openpsi.events.payload.platform.ComponentStatusChanged;
import dev.openpsi.events.payload.platform.ComponentType;
import dev.openpsi.testkit.keycloak.DemoTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Link tokens, the link exchange (clock offset, clones, re-linking), the component list and who may see it. */
@QuarkusTest
class ConnectorLinkingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anAdminLinksAnOsvNodeWhichStartsConnectedAndDeactivated() {
        JsonPath created = Connectors.createToken(ACME_ADMIN, "acme", "OSV_NODE", "OSV Munich A").then()
                .statusCode(201)
                .body("token", matchesPattern("clt_[A-Za-z0-9_-]{43}"))
                .body("type", equalTo("OSV_NODE"))
                .body("name", equalTo("OSV Munich A"))
                .body("expiresAt", notNullValue())
                .extract().jsonPath();
        Instant expires = Instant.parse(created.getString("expiresAt"));
        assertTrue(expires.isAfter(Instant.now().plusSeconds(60)) && expires.isBefore(Instant.now().plusSeconds(16 * 60)),
                "a short expiry: " + expires);

        String identity = "hw-" + UUID.randomUUID();
        JsonPath linked = Connectors.link(created.getString("token"), identity, "osv-a.munich.local", "inst-1", Instant.now())
                .then().statusCode(201)
                .body("account", equalTo("acme"))
                .body("type", equalTo("OSV_NODE"))
                .body("credential", matchesPattern("clc_[A-Za-z0-9_-]{43}"))
                .body("heartbeatIntervalSeconds", equalTo(30))
                .body("inventoryIntervalSeconds", equalTo(1800))
                .extract().jsonPath();
        Linked c = new Linked("acme", linked.getString("componentId"), linked.getString("credential"), identity,
                "osv-a.munich.local", "inst-1");

        // exactly the console's shape
        Map<String, Object> view = given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when()
                .get(COMPONENT, "acme", c.id()).then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals(Set.of("id", "type", "name", "host", "status", "statusDetail", "degraded", "lastHeartbeatAt",
                "lastInventoryAt", "inventoryOverdue", "nodes"), view.keySet());
        assertEquals(c.id(), view.get("id"));
        assertEquals("OSV_NODE", view.get("type"));
        assertEquals("OSV Munich A", view.get("name"));
        assertEquals("osv-a.munich.local", view.get("host"));
        assertEquals("connectedDeactivated", view.get("status"));
        assertEquals(false, view.get("degraded"));
        assertNull(view.get("lastInventoryAt"));
        assertEquals(false, view.get("inventoryOverdue"));
        assertEquals(List.of(), view.get("nodes"));

        List<ComponentStatusChanged> events = Connectors.published(bootstrap, c, 1);
        assertEquals(1, events.size());
        assertEquals(new ComponentStatusChanged("acme", c.id(), ComponentType.OSV_NODE, ComponentStatus.CONNECTED_DEACTIVATED,
                "linked from host osv-a.munich.local"), events.get(0));

        // the token was for one link only
        Connectors.link(created.getString("token"), "hw-" + UUID.randomUUID(), "other.local", "inst-2", Instant.now())
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/link-token-invalid"))
                .body("detail", containsString("already used"))
                .body("errors.field", contains("token"));
    }

    @Test
    void aClockOffsetBeyondTheToleranceIsRefusedAndTheTokenStaysUsable() {
        String token = Connectors.token(ACME_ADMIN, "acme", "CMP", "CMP");
        String identity = "hw-" + UUID.randomUUID();
        Connectors.link(token, identity, "cmp.local", "inst", Instant.now().plusSeconds(93)).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/clock-offset"))
                .body("detail", equalTo("clock offset of +93 s exceeds the tolerance of 60 s; synchronise the clock (NTP) "
                        + "and link again"))
                .body("errors.field", contains("clientTime"));
        Connectors.link(token, identity, "cmp.local", "inst", Instant.now().minusSeconds(120)).then()
                .statusCode(422)
                .body("detail", equalTo("clock offset of -120 s exceeds the tolerance of 60 s; synchronise the clock (NTP) "
                        + "and link again"));
        // within the tolerance (clock synchronised): the same token links
        Connectors.link(token, identity, "cmp.local", "inst", Instant.now().plusSeconds(20)).then()
                .statusCode(201)
                .body("type", equalTo("CMP"));
    }

    @Test
    void anUnknownOrMalformedLinkRequestIsRefused() {
        Connectors.link("clt_" + "x".repeat(43), "hw-" + UUID.randomUUID(), "h.local", "i", Instant.now()).then()
                .statusCode(422)
                .body("type", endsWith("/link-token-invalid"));
        given().auth().oauth2(Connectors.connectorToken()).contentType(ContentType.JSON)
                .body(Map.of("token", "t", "identity", "x", "host", "h", "instanceId", "i"))
                .when().post(LINK).then()
                .statusCode(400)
                .body("errors.field", contains("clientTime"));
    }

    @Test
    void aCloneOfALinkedServerIsRefusedNamingBothHostsAndRecorded() {
        Linked original = Connectors.linkNew(ACME_ADMIN, "acme", "SBC", "SBC Berlin");
        String second = Connectors.token(ACME_ADMIN, "acme", "SBC", "SBC Berlin copy");

        Connectors.link(second, original.identity(), "sbc-clone.local", "inst-clone", Instant.now()).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/component-clone-detected"))
                .body("detail", allOf(containsString(original.host()), containsString("sbc-clone.local")));

        JsonPath view = Connectors.component(ACME_ADMIN, original);
        assertTrue(view.getString("statusDetail").contains("clone refused") && view.getString("statusDetail")
                .contains("sbc-clone.local"), view.getString("statusDetail"));
        assertEquals("connectedActivated", view.getString("status"), "the original keeps its status");

        // the same installation linking again is told to unlink first
        Connectors.link(second, original.identity(), original.host(), original.instanceId(), Instant.now()).then()
                .statusCode(409)
                .body("type", endsWith("/component-already-linked"));

        // a cloned server also copies the credential: its heartbeats come from another host
        Connectors.heartbeatFrom(original, "sbc-clone-2.local", "inst-clone-2", List.of(), false).then()
                .statusCode(409)
                .body("type", endsWith("/component-clone-detected"))
                .body("detail", allOf(containsString(original.host()), containsString("sbc-clone-2.local")));
        assertTrue(Connectors.component(ACME_ADMIN, original).getString("statusDetail").contains("sbc-clone-2.local"));
        Connectors.heartbeat(original, List.of(), false).then().statusCode(200);
    }

    @Test
    void afterAnExplicitUnlinkTheIdentityLinksAgainAndTheOldCredentialIsDead() {
        Linked first = Connectors.linkNew(ACME_ADMIN, "acme", "VOICEMAIL", "Xpressions");
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().delete(COMPONENT, "acme", first.id()).then().statusCode(403);
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().delete(COMPONENT, "acme", first.id()).then().statusCode(404);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(COMPONENT, "acme", first.id()).then().statusCode(204);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(COMPONENT, "acme", first.id()).then().statusCode(404);

        Connectors.heartbeat(first, List.of(), false).then()
                .statusCode(403)
                .body("type", endsWith("/connector-not-linked"));

        List<ComponentStatusChanged> events = Connectors.published(bootstrap, first, 2);
        assertEquals(List.of(ComponentStatus.CONNECTED_ACTIVATED, ComponentStatus.DISCONNECTED),
                events.stream().map(ComponentStatusChanged::status).toList());
        assertEquals(ComponentType.XPRESSIONS, events.get(1).componentType());
        assertEquals("unlinked by an administrator", events.get(1).detail());

        // a new installation on another host may now link the same identity
        String token = Connectors.token(ACME_ADMIN, "acme", "VOICEMAIL", "Xpressions");
        String again = Connectors.link(token, first.identity(), "xpr-new.local", "inst-new", Instant.now()).then()
                .statusCode(201).extract().path("componentId");
        assertFalse(again.equals(first.id()));
    }

    @Test
    void aCredentialWorksOnlyForItsComponentAndOnlyWithTheConnectorRole() {
        Linked a = Connectors.linkNew(ACME_ADMIN, "acme", "CMP", "CMP A");
        Linked b = Connectors.linkNew(ACME_ADMIN, "acme", "CMP", "CMP B");
        Connectors.heartbeat(new Linked("acme", b.id(), a.credential(), b.identity(), b.host(), b.instanceId()), List.of(), false)
                .then().statusCode(403);
        Connectors.heartbeat(new Linked("acme", a.id(), null, a.identity(), a.host(), a.instanceId()), List.of(), false)
                .then().statusCode(403);
        // a user or admin token is no connector, whatever credential it carries
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).header("X-Connector-Credential", a.credential())
                .contentType(ContentType.JSON).body(Map.of("host", a.host(), "instanceId", a.instanceId()))
                .when().post(Connectors.HEARTBEATS, a.id()).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("host", a.host(), "instanceId", a.instanceId()))
                .when().post(Connectors.HEARTBEATS, a.id()).then().statusCode(401);
        // nor may a connector create link tokens or read the console's list
        given().auth().oauth2(Connectors.connectorToken()).contentType(ContentType.JSON)
                .body(Map.of("type", "CMP", "name", "x")).when().post(Connectors.LINK_TOKENS, "acme").then().statusCode(403);
        given().auth().oauth2(Connectors.connectorToken()).when().get(COMPONENTS, "acme").then().statusCode(403);
    }

    @Test
    void onlyAdminsAndThePartnerOfTheAccountCreateTokensAndSeeComponents() {
        Connectors.createToken(ACME_USER, "acme", "CMP", "x").then().statusCode(403);
        Connectors.createToken(GLOBEX_ADMIN, "acme", "CMP", "x").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(COMPONENTS, "acme").then().statusCode(403);
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().get(COMPONENTS, "acme").then().statusCode(404);
        Connectors.createToken(ACME_ADMIN, "acme", "PBX", "x").then().statusCode(400);
        Connectors.createToken(ACME_ADMIN, "acme", "CMP", " ").then().statusCode(400).body("errors.field", contains("name"));

        // the partner links and lists the components of its customer
        String customer = DemoTokens.fresh("linked");
        given().auth().oauth2(DemoTokens.of(PARTNER)).contentType(ContentType.JSON)
                .body(Map.of("id", customer, "name", "Linked Corp")).when().post("/api/v1/accounts").then().statusCode(201);
        Linked c = Connectors.linkNew(PARTNER, customer, "CMP", "CMP of the customer");
        given().auth().oauth2(DemoTokens.of(PARTNER)).when().get(COMPONENTS, customer).then()
                .statusCode(200)
                .body("items.id", contains(c.id()))
                .body("nextCursor", nullValue());
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(COMPONENTS, customer).then().statusCode(404);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(COMPONENT, "acme", c.id()).then().statusCode(404);
    }

    @Test
    void theListIsPagedByName() {
        String customer = DemoTokens.fresh("paged");
        given().auth().oauth2(DemoTokens.of(PARTNER)).contentType(ContentType.JSON)
                .body(Map.of("id", customer, "name", "Paged Corp")).when().post("/api/v1/accounts").then().statusCode(201);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("c-sbc", "a-cmp", "b-osv")) {
            ids.add(Connectors.linkNew(PARTNER, customer, name.equals("b-osv") ? "OSV_NODE" : "CMP", name).id());
        }
        JsonPath first = given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", 2).when()
                .get(COMPONENTS, customer).then().statusCode(200)
                .body("items.name", contains("a-cmp", "b-osv"))
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .when().get(COMPONENTS, customer).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].name", equalTo("c-sbc"))
                .body("items[0].id", equalTo(ids.get(0)))
                .body("nextCursor", nullValue());
        given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("cursor", "not-a-cursor!").when()
                .get(COMPONENTS, customer).then().statusCode(400).body("errors.field", contains("cursor"));
    }
}
