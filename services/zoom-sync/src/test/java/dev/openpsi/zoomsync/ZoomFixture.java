package dev.openpsi.zoomsync;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.openpsi.testkit.zoom.ZoomSimulator;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Test accounts (one per test, so tests never share state), their Zoom tenant in the simulator and their connection. */
final class ZoomFixture {

    static final String CONNECTION = "/api/v1/zoom/connection";
    static final String SYNC_RUNS = "/api/v1/zoom/sync-runs";

    private ZoomFixture() {
    }

    static String freshAccount(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates the Zoom tenant (owner user) and its OAuth app: client id {@code cid-<account>}, secret {@code secret-<account>}. */
    static ZoomSimulator tenant(String account) {
        ZoomSimulator sim = ZoomSimulatorResource.simulator();
        sim.createAccount(account);
        sim.addUser(account, "owner@" + account + ".example", "Owner", "Zoom");
        sim.registerClient(clientId(account), secret(account), account);
        return sim;
    }

    static String clientId(String account) {
        return "cid-" + account;
    }

    static String secret(String account) {
        return "secret-" + account + "-" + "s3cr3t";
    }

    static Response putConnection(String account, Map<String, Object> body) {
        return given().auth().oauth2(DemoTokens.service("zoom-sync")).contentType(ContentType.JSON).queryParam("account", account)
                .body(body).when().put(CONNECTION);
    }

    /** Server-to-Server connection; returns the answer (expected Authorized). */
    static Response connectServerToServer(String account) {
        return putConnection(account, Map.of("clientId", clientId(account), "clientSecret", secret(account),
                "zoomAccountId", account, "grantType", "account_credentials"));
    }

    static Response connectWithCode(String account) {
        String redirect = "https://portal.example/zoom/callback";
        String code = ZoomSimulatorResource.simulator().issueAuthorizationCode(clientId(account), redirect);
        return putConnection(account, Map.of("clientId", clientId(account), "clientSecret", secret(account),
                "grantType", "authorization_code", "authorizationCode", code, "redirectUri", redirect));
    }

    static Response connection(String account) {
        return given().auth().oauth2(DemoTokens.service("zoom-sync")).queryParam("account", account).when().get(CONNECTION);
    }

    /** Starts a sync run and waits for its end; the finished run. */
    static Response syncAndWait(String account, String mode) {
        String id = given().auth().oauth2(DemoTokens.service("zoom-sync")).contentType(ContentType.JSON).queryParam("account", account)
                .body(Map.of("mode", mode)).when().post(SYNC_RUNS).then().statusCode(202).extract().path("id");
        Response[] last = new Response[1];
        await(Duration.ofSeconds(90), () -> {
            last[0] = given().auth().oauth2(DemoTokens.service("zoom-sync")).queryParam("account", account).when()
                    .get(SYNC_RUNS + "/" + id);
            String status = last[0].path("status");
            return "succeeded".equals(status) || "failed".equals(status);
        });
        return last[0];
    }

    static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
