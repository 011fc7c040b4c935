package dev.openpsi.cloudlinkdaemon;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.keycloak.DemoTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** What the Replay*Test classes share: the operator, requests and waiting for a replay to finish. */
final class ReplayTestSupport {

    static final String REPLAYS = "/api/v1/replays";
    /** platform-operator, no account (deploy/keycloak/realm-openpsi.json). */
    static final String OPERATOR = "operator@openpsi.example";

    private ReplayTestSupport() {
    }

    static String operator() {
        return DemoTokens.of(OPERATOR);
    }

    /** A selection map without nulls, for the request body. */
    static Map<String, Object> selection(Object... pairs) {
        Map<String, Object> selection = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                selection.put((String) pairs[i], pairs[i + 1] instanceof Instant at ? at.toString() : pairs[i + 1]);
            }
        }
        return selection;
    }

    static ValidatableResponse post(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(REPLAYS).then();
    }

    static JsonPath dryRun(Map<String, Object> selection, int sample) {
        return post(operator(), Map.of("selection", selection, "target", "cloudlink-daemon", "dryRun", true,
                "sample", sample)).statusCode(200).extract().jsonPath();
    }

    /** The replay's status once it is no longer running. */
    static JsonPath awaitFinished(String id) {
        JsonPath[] last = new JsonPath[1];
        TestEvents.await("replay " + id + " to finish", Duration.ofSeconds(30), () -> {
            last[0] = given().auth().oauth2(operator()).when().get(REPLAYS + "/{id}", id).then().statusCode(200)
                    .extract().jsonPath();
            return !"running".equals(last[0].getString("status"));
        });
        return last[0];
    }
}
