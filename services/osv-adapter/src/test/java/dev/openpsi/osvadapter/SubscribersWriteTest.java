package dev.openpsi.osvadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static dev.openpsi.osvadapter.Fixtures.SUBSCRIBER;
import static dev.openpsi.osvadapter.Fixtures.SUBSCRIBERS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.openpsi.security.SecretCipher;
import dev.openpsi.security.SecretUnreadableException;

/** Account admins create, replace and delete subscribers; the SIP password goes in and never comes out. */
@QuarkusTest
class SubscribersWriteTest {

    @Inject
    SecretCipher cipher;
    @Inject
    Pool pool;

    @Test
    void anAdminCreatesASubscriberWithEveryAttribute() {
        String dn = Fixtures.freshDn();
        String password = "s3cret-" + Fixtures.digits(8);
        Map<String, Object> body = new HashMap<>();
        body.put("dn", dn);
        body.put("zoomUser", true);
        body.put("registrationViaCentralSbc", true);
        body.put("sipCredentials", Map.of("realm", "osv.acme.example", "userName", "user" + dn.substring(1),
                "password", password));
        Response created = post(ACME_ADMIN, body);
        created.then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/subscribers/" + dn))
                .body("account", equalTo("acme"))
                .body("dn", equalTo(dn))
                .body("zoomUser", equalTo(true))
                .body("registrationViaCentralSbc", equalTo(true))
                .body("sipCredentials.realm", equalTo("osv.acme.example"))
                .body("sipCredentials.userName", equalTo("user" + dn.substring(1)))
                .body("sipCredentials", not(hasKey("password")))
                .body("features.doNotDisturb", equalTo(false))
                .body("features.forwarding.busy.enabled", equalTo(false))
                .body("createdAt", notNullValue());
        assertFalse(created.asString().contains(password), "the password is never returned");

        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(SUBSCRIBER, dn).then()
                .statusCode(200)
                .body("dn", equalTo(dn))
                .body("zoomUser", equalTo(true))
                .body("sipCredentials.userName", equalTo("user" + dn.substring(1)))
                .body("createdAt", equalTo(created.jsonPath().getString("createdAt")));
    }

    @Test
    void theSipPasswordIsStoredSealedAndNeverShown() {
        String dn = Fixtures.freshDn();
        String password = "pa55-" + Fixtures.digits(10);
        Map<String, Object> body = Fixtures.subscriber(dn, true);
        body.put("sipCredentials", Map.of("realm", "osv.acme.example", "userName", "u1", "password", password));
        assertFalse(post(ACME_ADMIN, body).then().statusCode(201).extract().asString().contains(password));

        String sealed = sealedPassword("acme", dn);
        assertFalse(sealed.contains(password), "not the plaintext: " + sealed);
        assertTrue(sealed.startsWith("v1."), "a SecretCipher envelope: " + sealed);
        assertEquals(password, cipher.open(sealed, "osv-adapter/subscriber/acme/" + dn + "/sip-password"));
        assertThrows(SecretUnreadableException.class,
                () -> cipher.open(sealed, "osv-adapter/subscriber/globex/" + dn + "/sip-password"),
                "bound to its row: it does not open for another account");

        // no read shows it
        for (String reader : List.of(ACME_ADMIN, ACME_USER)) {
            String one = given().auth().oauth2(DemoTokens.of(reader)).when().get(SUBSCRIBER, dn).then()
                    .statusCode(200).extract().asString();
            assertFalse(one.contains(password) || one.contains(sealed), one);
            String list = given().auth().oauth2(DemoTokens.of(reader)).queryParam("limit", 200)
                    .when().get(SUBSCRIBERS).then().statusCode(200).extract().asString();
            assertFalse(list.contains(password) || list.contains(sealed));
        }

        // an update without the password keeps it
        Map<String, Object> keep = update(body);
        keep.put("sipCredentials", Map.of("realm", "osv2.acme.example", "userName", "u2"));
        String kept = put(ACME_ADMIN, dn, keep).then()
                .statusCode(200)
                .body("sipCredentials.realm", equalTo("osv2.acme.example"))
                .body("sipCredentials.userName", equalTo("u2"))
                .extract().asString();
        assertFalse(kept.contains(password));
        assertEquals(sealed, sealedPassword("acme", dn), "the stored password is untouched");

        // a new one replaces it
        String newPassword = "n3w-" + Fixtures.digits(10);
        Map<String, Object> change = update(body);
        change.put("sipCredentials", Map.of("realm", "osv2.acme.example", "userName", "u2", "password", newPassword));
        assertFalse(put(ACME_ADMIN, dn, change).then().statusCode(200).extract().asString().contains(newPassword));
        String resealed = sealedPassword("acme", dn);
        assertFalse(resealed.contains(newPassword));
        assertEquals(newPassword, cipher.open(resealed, "osv-adapter/subscriber/acme/" + dn + "/sip-password"));

        // without credentials they are gone
        Map<String, Object> none = update(body);
        none.remove("sipCredentials");
        put(ACME_ADMIN, dn, none).then().statusCode(200).body("sipCredentials", nullValue());
        assertNull(sealedPassword("acme", dn));
    }

    @Test
    void aPasswordIsNeededForNewCredentials() {
        String dn = Fixtures.freshDn();
        Map<String, Object> body = Fixtures.subscriber(dn, false);
        body.put("sipCredentials", Map.of("realm", "osv.acme.example", "userName", "u1"));
        post(ACME_ADMIN, body).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("sipCredentials.password"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then().statusCode(404);

        // a subscriber without credentials that gets some on an update needs one too
        body.remove("sipCredentials");
        post(ACME_ADMIN, body).then().statusCode(201).body("sipCredentials", nullValue());
        Map<String, Object> change = update(body);
        change.put("sipCredentials", Map.of("realm", "osv.acme.example", "userName", "u1"));
        put(ACME_ADMIN, dn, change).then().statusCode(400).body("errors.field", contains("sipCredentials.password"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then()
                .statusCode(200).body("sipCredentials", nullValue());
    }

    @Test
    void invalidInputNamesTheField() {
        String dn = Fixtures.freshDn();
        Map<String, Consumer<Map<String, Object>>> breakages = Map.ofEntries(
                Map.entry("dn", b -> b.put("dn", "4989700712345")),
                Map.entry("dn ", b -> b.put("dn", "+0989700712345")),
                Map.entry("dn  ", b -> b.put("dn", "+49897007123456789")),
                Map.entry("dn   ", b -> b.put("dn", "+49 89 7007")),
                Map.entry("dn    ", b -> b.remove("dn")),
                Map.entry("zoomUser", b -> b.remove("zoomUser")),
                Map.entry("registrationViaCentralSbc", b -> b.remove("registrationViaCentralSbc")),
                Map.entry("sipCredentials.realm", b -> b.put("sipCredentials", Map.of("realm", " ", "userName", "u", "password", "p"))),
                Map.entry("sipCredentials.userName", b -> b.put("sipCredentials", Map.of("realm", "r", "password", "p"))),
                Map.entry("sipCredentials.password", b -> b.put("sipCredentials", Map.of("realm", "r", "userName", "u", "password", "  "))),
                Map.entry("sipCredentials.password ", b -> b.put("sipCredentials",
                        Map.of("realm", "r", "userName", "u", "password", "p".repeat(129)))),
                Map.entry("features.forwarding.busy.destination", b -> b.put("features", Map.of("forwarding",
                        Map.of("busy", Map.of("enabled", true))))),
                Map.entry("features.forwarding.external.destination", b -> b.put("features", Map.of("forwarding",
                        Map.of("external", Map.of("enabled", false, "destination", "0049897007"))))),
                Map.entry("features.forwarding.noReply.enabled", b -> b.put("features", Map.of("forwarding",
                        Map.of("noReply", Map.of("destination", "+4989700799999"))))));
        for (Map.Entry<String, Consumer<Map<String, Object>>> breakage : breakages.entrySet()) {
            Map<String, Object> body = Fixtures.subscriber(dn, true);
            breakage.getValue().accept(body);
            post(ACME_ADMIN, body).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/validation"))
                    .body("errors.field", contains(breakage.getKey().strip()));
        }
        // nothing was created by the refused requests, and the DN is still free
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then().statusCode(404);
        Map<String, Object> valid = Fixtures.subscriber(dn, true);
        // forwarding to voicemail needs no destination
        valid.put("features", Map.of("forwarding", Map.of("voicemail", Map.of("enabled", true))));
        post(ACME_ADMIN, valid).then().statusCode(201).body("features.forwarding.voicemail.enabled", equalTo(true));
    }

    @Test
    void aDnIsUniqueWithinAnAccount() {
        String dn = Fixtures.freshDn();
        post(ACME_ADMIN, Fixtures.subscriber(dn, true)).then().statusCode(201);
        post(ACME_ADMIN, Fixtures.subscriber(dn, false)).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/subscriber-exists"))
                .body("errors.field", contains("dn"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then().body("zoomUser", equalTo(true));
        // another account has its own numbering plan
        post(GLOBEX_ADMIN, Fixtures.subscriber(dn, false)).then().statusCode(201).body("account", equalTo("globex"));
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().get(SUBSCRIBER, dn).then().body("zoomUser", equalTo(false));
    }

    @Test
    void concurrentCreatesOfOneDnCreateItOnceAndConflictOtherwise() throws Exception {
        String dn = Fixtures.freshDn();
        String token = DemoTokens.of(ACME_ADMIN);
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean zoomUser = i % 2 == 0;
            creates.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Fixtures.subscriber(dn, zoomUser)).when().post(SUBSCRIBERS).then().extract().statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(creates.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : pool.invokeAll(creates)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        given().auth().oauth2(token).when().get(SUBSCRIBER, dn).then().statusCode(200);
    }

    @Test
    void anUpdateReplacesTheSettings() {
        String dn = Fixtures.freshDn();
        Map<String, Object> body = Fixtures.subscriber(dn, false);
        String createdAt = post(ACME_ADMIN, body).then().statusCode(201).extract().path("createdAt");
        Map<String, Object> change = update(body);
        change.put("zoomUser", true);
        change.put("registrationViaCentralSbc", false);
        put(ACME_ADMIN, dn, change).then()
                .statusCode(200)
                .body("dn", equalTo(dn))
                .body("zoomUser", equalTo(true))
                .body("registrationViaCentralSbc", equalTo(false))
                .body("createdAt", equalTo(createdAt))
                .body("updatedAt", not(equalTo(createdAt)));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(SUBSCRIBER, dn).then()
                .body("zoomUser", equalTo(true))
                .body("registrationViaCentralSbc", equalTo(false));
        put(ACME_ADMIN, Fixtures.freshDn(), change).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAdminDeletesASubscriber() {
        String dn = Fixtures.freshDn();
        post(ACME_ADMIN, Fixtures.subscriber(dn, true)).then().statusCode(201);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(SUBSCRIBER, dn).then().statusCode(204);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then().statusCode(404);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(SUBSCRIBER, dn).then().statusCode(404);
        assertEquals(0, count("select count(*) from subscriber where account = $1 and dn = $2", "acme", dn));
    }

    @Test
    void regularUsersChangeNothing() {
        String dn = Fixtures.freshDn();
        post(ACME_USER, Fixtures.subscriber(dn, true)).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then().statusCode(404);

        post(ACME_ADMIN, Fixtures.subscriber(dn, true)).then().statusCode(201);
        Map<String, Object> change = update(Fixtures.subscriber(dn, false));
        put(ACME_USER, dn, change).then().statusCode(403);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().delete(SUBSCRIBER, dn).then().statusCode(403);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(SUBSCRIBER, dn).then()
                .statusCode(200)
                .body("zoomUser", equalTo(true));
    }

    @Test
    void anotherAccountsSubscriberDoesNotExistForTheCaller() {
        String dn = Fixtures.freshDn();
        post(ACME_ADMIN, Fixtures.subscriber(dn, true)).then().statusCode(201);
        String globex = DemoTokens.of(GLOBEX_ADMIN);
        given().auth().oauth2(globex).when().get(SUBSCRIBER, dn).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(globex).queryParam("account", "acme").when().get(SUBSCRIBER, dn).then().statusCode(404);
        given().auth().oauth2(globex).queryParam("account", "acme").when().get(SUBSCRIBERS).then().statusCode(404);
        put(GLOBEX_ADMIN, dn, update(Fixtures.subscriber(dn, false))).then().statusCode(404);
        given().auth().oauth2(globex).queryParam("account", "acme").contentType(ContentType.JSON)
                .body(update(Fixtures.subscriber(dn, false))).when().put(SUBSCRIBER, dn).then().statusCode(404);
        given().auth().oauth2(globex).when().delete(SUBSCRIBER, dn).then().statusCode(404);
        given().auth().oauth2(globex).queryParam("account", "acme").when().delete(SUBSCRIBER, dn).then().statusCode(404);
        given().auth().oauth2(globex).queryParam("account", "acme").contentType(ContentType.JSON)
                .body(Fixtures.subscriber(Fixtures.freshDn(), true)).when().post(SUBSCRIBERS).then().statusCode(404);
        // untouched
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then()
                .statusCode(200).body("zoomUser", equalTo(true));
    }

    @Test
    void aServiceAccountNamesTheAccountItActsFor() {
        String dn = Fixtures.freshDn();
        String service = DemoTokens.service("osv-adapter");
        given().auth().oauth2(service).contentType(ContentType.JSON).body(Fixtures.subscriber(dn, true))
                .when().post(SUBSCRIBERS).then()
                .statusCode(403)
                .body("detail", containsString("account"));
        given().auth().oauth2(service).queryParam("account", "globex").contentType(ContentType.JSON)
                .body(Fixtures.subscriber(dn, true)).when().post(SUBSCRIBERS).then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/subscribers/" + dn + "?account=globex"))
                .body("account", equalTo("globex"));
        given().auth().oauth2(service).queryParam("account", "globex").when().get(SUBSCRIBER, dn).then()
                .statusCode(200).body("zoomUser", equalTo(true));
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().get(SUBSCRIBER, dn).then().statusCode(200);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then().statusCode(404);
    }

    private static Response post(String user, Map<String, Object> body) {
        return given().auth().oauth2(DemoTokens.of(user)).contentType(ContentType.JSON).body(body).when().post(SUBSCRIBERS);
    }

    private static Response put(String user, String dn, Map<String, Object> body) {
        return given().auth().oauth2(DemoTokens.of(user)).contentType(ContentType.JSON).body(body).when().put(SUBSCRIBER, dn);
    }

    /** The body of a create as the body of an update (which names the DN in the path only). */
    private static Map<String, Object> update(Map<String, Object> create) {
        Map<String, Object> body = new HashMap<>(create);
        body.remove("dn");
        return body;
    }

    private String sealedPassword(String account, String dn) {
        RowSet<Row> rows = pool.preparedQuery("select sip_password_sealed from subscriber where account = $1 and dn = $2")
                .execute(Tuple.of(account, dn)).await().indefinitely();
        assertEquals(1, rows.size());
        return rows.iterator().next().getString(0);
    }

    private long count(String sql, String account, String dn) {
        return pool.preparedQuery(sql).execute(Tuple.of(account, dn)).await().indefinitely().iterator().next().getLong(0);
    }
}
