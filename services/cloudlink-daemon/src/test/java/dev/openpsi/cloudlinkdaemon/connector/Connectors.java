package dev.openpsi.cloudlinkdaemon.connector;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.platform.ComponentStatusChanged;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.keycloak.DemoTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** What the tests do as an admin console and as an on-premise connector. */
final class Connectors {

    static final String LINK_TOKENS = "/api/v1/accounts/{account}/link-tokens";
    static final String COMPONENTS = "/api/v1/accounts/{account}/components";
    static final String COMPONENT = "/api/v1/accounts/{account}/components/{id}";
    static final String ENABLE = "/api/v1/accounts/{account}/components/{id}/enable-container";
    static final String LINK = "/api/v1/connectors/link";
    static final String HEARTBEATS = "/api/v1/connectors/{id}/heartbeats";
    static final String INVENTORY = "/api/v1/connectors/{id}/inventory";

    private Connectors() {
    }

    /** A linked connector as the daemon remembers it. */
    record Linked(String account, String id, String credential, String identity, String host, String instanceId) {
    }

    static String connectorToken() {
        return DemoTokens.service("cloudlink-connector");
    }

    static Response createToken(String admin, String account, String type, String name) {
        return given().auth().oauth2(DemoTokens.of(admin)).contentType(ContentType.JSON)
                .body(Map.of("type", type, "name", name))
                .when().post(LINK_TOKENS, account);
    }

    static String token(String admin, String account, String type, String name) {
        return createToken(admin, account, type, name).then().statusCode(201).extract().path("token");
    }

    static Response link(String token, String identity, String host, String instanceId, Instant clientTime) {
        return given().auth().oauth2(connectorToken()).contentType(ContentType.JSON)
                .body(Map.of("token", token, "identity", identity, "host", host, "instanceId", instanceId,
                        "clientTime", clientTime.toString()))
                .when().post(LINK);
    }

    /** A new component of {@code type} in {@code account}, linked from a fresh installation. */
    static Linked linkNew(String admin, String account, String type, String name) {
        String identity = "hw-" + UUID.randomUUID();
        String host = DemoTokens.fresh("host") + ".example.local";
        String instanceId = UUID.randomUUID().toString();
        JsonPath linked = link(token(admin, account, type, name), identity, host, instanceId, Instant.now())
                .then().statusCode(201).extract().jsonPath();
        return new Linked(account, linked.getString("componentId"), linked.getString("credential"), identity, host, instanceId);
    }

    static Response heartbeat(Linked c, List<Map<String, Object>> nodes, boolean failover) {
        return heartbeatFrom(c, c.host(), c.instanceId(), nodes, failover);
    }

    static Response heartbeatFrom(Linked c, String host, String instanceId, List<Map<String, Object>> nodes, boolean failover) {
        Map<String, Object> body = new HashMap<>();
        body.put("host", host);
        body.put("instanceId", instanceId);
        body.put("nodes", nodes);
        body.put("failover", failover);
        var request = given().auth().oauth2(connectorToken()).contentType(ContentType.JSON).body(body);
        if (c.credential() != null) {
            request.header("X-Connector-Credential", c.credential());
        }
        return request.when().post(HEARTBEATS, c.id());
    }

    static List<Map<String, Object>> nodes(boolean aConnected, boolean bConnected) {
        return List.of(Map.of("name", "osv-a", "connected", aConnected), Map.of("name", "osv-b", "connected", bConnected));
    }

    static JsonPath component(String admin, Linked c) {
        return given().auth().oauth2(DemoTokens.of(admin)).when().get(COMPONENT, c.account(), c.id())
                .then().statusCode(200).extract().jsonPath();
    }

    static Response enable(String admin, Linked c) {
        return given().auth().oauth2(DemoTokens.of(admin)).when().post(ENABLE, c.account(), c.id());
    }

    /** The ComponentStatusChanged events of the component, in order, waiting for {@code expected}. */
    static List<ComponentStatusChanged> published(String bootstrap, Linked c, int expected) {
        List<ConsumerRecord<String, byte[]>> records = TestEvents.read(bootstrap, Topic.PLATFORM.topicName(),
                TestEvents.ofType(EventTypes.COMPONENT_STATUS_CHANGED, c.account())
                        .and(r -> r.key().equals(c.account() + "/" + c.id())),
                expected, Duration.ofSeconds(20));
        return records.stream().map(r -> TestEvents.payload(EventTypes.COMPONENT_STATUS_CHANGED, r)).toList();
    }
}
