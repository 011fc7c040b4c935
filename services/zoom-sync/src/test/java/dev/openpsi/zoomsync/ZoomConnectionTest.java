package dev.openpsi.zoomsync;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.zoomsync.ZoomFixture.CONNECTION;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.openpsi.testkit.zoom.ZoomSimulator;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The Zoom connection: both OAuth grants, secrets sealed at rest, refresh-token rotation, a revoked grant, access rules. */
@QuarkusTest
@WithTestResource(value = ZoomSimulatorResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ZoomConnectionTest {

    @Inject
    Pool pool;

    private Row row(String account) {
        return pool.preparedQuery("select * from zoom_connection where account = $1").execute(Tuple.of(account))
                .await().indefinitely().iterator().next();
    }

    @Test
    void serverToServerConnectsAndKeepsSecretsSealed() {
        String account = ZoomFixture.freshAccount("s2s");
        ZoomFixture.tenant(account);
        String body = ZoomFixture.connectServerToServer(account).then().statusCode(200)
                .body("oauthStatus", equalTo("Authorized"))
                .body("integrationStatus", equalTo("Connected"))
                .body("grantType", equalTo("account_credentials"))
                .body("oauthError", nullValue())
                .extract().asString();
        assertFalse(body.contains(ZoomFixture.secret(account)), "the client secret is never returned");
        assertFalse(body.contains("Token") && body.contains("access_token"), body);

        Row r = row(account);
        String sealedSecret = r.getString("client_secret_sealed");
        String sealedAccess = r.getString("access_token_sealed");
        assertTrue(sealedSecret.startsWith("v1."), "sealed with SecretCipher");
        assertFalse(sealedSecret.contains(ZoomFixture.secret(account)));
        assertNotNull(sealedAccess);
        assertTrue(sealedAccess.startsWith("v1."));
        assertEquals(null, r.getString("refresh_token_sealed"), "Server-to-Server OAuth has no refresh token");

        ZoomFixture.connection(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"))
                .body(not(containsString(ZoomFixture.secret(account))));
    }

    @Test
    void authorizationCodeConnectsAndEveryRefreshRotatesTheRefreshToken() {
        String account = ZoomFixture.freshAccount("code");
        ZoomSimulator sim = ZoomFixture.tenant(account);
        ZoomFixture.connectWithCode(account).then().statusCode(200)
                .body("oauthStatus", equalTo("Authorized"))
                .body("integrationStatus", equalTo("Connected"));
        String first = row(account).getString("refresh_token_sealed");
        assertTrue(first.startsWith("v1."), "refresh token sealed");

        long tokens = sim.requestCount(ZoomSimulator.TOKEN);
        refresh(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"))
                .body("integrationStatus", equalTo("Connected"));
        String second = row(account).getString("refresh_token_sealed");
        refresh(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"));
        String third = row(account).getString("refresh_token_sealed");
        // Zoom kills a used refresh token: the third refresh only works because the second one's new token was stored
        assertNotEquals(first, second);
        assertNotEquals(second, third);
        assertEquals(tokens + 2, sim.requestCount(ZoomSimulator.TOKEN));
    }

    @Test
    void accessTokensAreRefreshedAheadOfExpiry() {
        String account = ZoomFixture.freshAccount("ahead");
        ZoomSimulator sim = ZoomFixture.tenant(account);
        sim.accessTokenLifetime(java.time.Duration.ofSeconds(10));
        try {
            ZoomFixture.connectWithCode(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"));
            String refresh = row(account).getString("refresh_token_sealed");
            long tokens = sim.requestCount(ZoomSimulator.TOKEN);
            ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("succeeded"));
            assertEquals(tokens, sim.requestCount(ZoomSimulator.TOKEN), "a token in the first half of its life is used");
            try {
                Thread.sleep(5500);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("succeeded"));
            assertEquals(tokens + 1, sim.requestCount(ZoomSimulator.TOKEN), "refreshed once, before it expired");
            assertNotEquals(refresh, row(account).getString("refresh_token_sealed"), "the rotated refresh token is stored");
        } finally {
            sim.accessTokenLifetime(java.time.Duration.ofHours(1));
        }
    }

    @Test
    void aRevokedGrantFailsOAuthWithDetailsAndStopsCallingZoom() {
        String account = ZoomFixture.freshAccount("revoked");
        ZoomSimulator sim = ZoomFixture.tenant(account);
        ZoomFixture.connectWithCode(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"));
        sim.revokeRefreshTokens(account);
        sim.revokeAccessTokens(account);

        ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("failed"));
        ZoomFixture.connection(account).then().statusCode(200)
                .body("oauthStatus", equalTo("Failed"))
                .body("integrationStatus", equalTo("Error"))
                .body("syncStatus", equalTo("Failed"))
                .body("oauthError", containsString("Zoom(GET /v2/users): 400 Invalid Token!"))
                .body("oauthError", containsString("Error refreshing Zoom PSI user: failed to post auth resource: InvalidGrant"));

        Map<String, Long> before = sim.requestCounts();
        ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("failed"));
        ZoomFixture.syncAndWait(account, "incremental").then().body("status", equalTo("failed"));
        assertEquals(before, sim.requestCounts(), "no request reaches Zoom (token or API) while OAuth is Failed");

        // an update of the connection (a new consent) brings it back
        ZoomFixture.connectWithCode(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"))
                .body("oauthError", nullValue());
        ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("succeeded"));
    }

    @Test
    void aWrongClientSecretIsShownAsFailed() {
        String account = ZoomFixture.freshAccount("badsecret");
        ZoomFixture.tenant(account);
        ZoomFixture.putConnection(account, Map.of("clientId", ZoomFixture.clientId(account), "clientSecret", "wrong",
                        "zoomAccountId", account, "grantType", "account_credentials"))
                .then().statusCode(200)
                .body("oauthStatus", equalTo("Failed"))
                .body("integrationStatus", equalTo("Error"))
                .body("oauthError", containsString("Error authorizing Zoom PSI user: failed to post auth resource: InvalidClient"));
    }

    @Test
    void invalidRequestsAreProblems() {
        String account = ZoomFixture.freshAccount("invalid");
        ZoomFixture.putConnection(account, Map.of("clientId", "x", "clientSecret", "y", "grantType", "account_credentials"))
                .then().statusCode(400).contentType("application/problem+json");
        ZoomFixture.putConnection(account, Map.of("clientId", "x", "clientSecret", "y", "grantType", "password"))
                .then().statusCode(400).contentType("application/problem+json");
        ZoomFixture.connection(account).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anotherAccountsConnectionDoesNotExistAndUsersConfigureNothing() {
        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).queryParam("account", "acme").when().get(CONNECTION)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).queryParam("account", "acme")
                .contentType("application/json").body(Map.of("mode", "full")).when().post(ZoomFixture.SYNC_RUNS)
                .then().statusCode(404);
        given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_USER)).when().get(CONNECTION)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_USER)).contentType("application/json")
                .body(Map.of("password", "x")).when().put("/api/v1/zoom/users/a@acme.example/sip-credentials")
                .then().statusCode(403);
        given().when().get(CONNECTION).then().statusCode(401);
    }

    private static io.restassured.response.Response refresh(String account) {
        return given().auth().oauth2(DemoTokens.service("zoom-sync")).queryParam("account", account).when().post(CONNECTION + "/refresh");
    }
}
