package dev.openpsi.zoomsync;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.openpsi.testkit.zoom.RateLimitCategory;
import dev.openpsi.testkit.zoom.SipPhone;
import dev.openpsi.testkit.zoom.UserStatus;
import dev.openpsi.testkit.zoom.ZoomSimulator;
import dev.openpsi.testkit.zoom.ZoomUser;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The mirror: every user and SIP phone of the tenant, paged, exactly; full runs remove what Zoom dropped; 5xx and 429 survived. */
@QuarkusTest
@WithTestResource(value = ZoomSimulatorResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class MirrorSyncTest {

    @Inject
    Pool pool;

    @Test
    void aFullSyncMirrorsEveryUserAndPhoneExactly() {
        String account = ZoomFixture.freshAccount("mirror");
        ZoomSimulator sim = ZoomFixture.tenant(account);
        sim.addUsers(account, 650, "user%d@" + account + ".example");
        sim.addUsers(account, 20, "gone%d@" + account + ".example", UserStatus.INACTIVE);
        sim.addUsers(account, 10, "invited%d@" + account + ".example", UserStatus.PENDING);
        for (int i = 1; i <= 200; i++) {
            String email = "user" + i + "@" + account + ".example";
            sim.addSipPhone(account, SipPhone.of(email, "4989700" + i, "4989700" + i, "pw", "sbc.example", "sbc.example:5061"));
            sim.addSipPhone(account, SipPhone.of(email + ".mobile", "4989700" + i, "4989700" + i, "pw", "sbc.example",
                    "sbc.example:5061"));
        }
        ZoomFixture.connectServerToServer(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"));
        sim.resetCounters();

        long started = System.nanoTime();
        ZoomFixture.syncAndWait(account, "full").then()
                .body("status", equalTo("succeeded"))
                .body("usersSynced", equalTo(681))
                .body("phonesSynced", equalTo(400))
                .body("pages", greaterThanOrEqualTo(5));
        System.out.printf("full sync of 681 users and 400 phones: %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertMirror(sim, account);
        // page_size=300: active users take 3 pages, inactive, pending and phones (400) 1, 1 and 2
        assertEquals(7, sim.requestCount(ZoomSimulator.LIST_USERS) + sim.requestCount(ZoomSimulator.LIST_SIP_PHONES));
        assertEquals(0, sim.throttledCount(RateLimitCategory.MEDIUM));
        assertTrue(sim.maxAdmittedRate(account, RateLimitCategory.MEDIUM) <= 60);
        ZoomFixture.connection(account).then().body("syncStatus", equalTo("Successful"))
                .body("integrationStatus", equalTo("Connected"));
        assertNotNull(ZoomFixture.connection(account).path("lastSuccessfulSync"));
        String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("openpsi_zoom_requests_seconds_count{endpoint=\"/users\",method=\"GET\",status=\"200\"}"),
                "every Zoom request is timed per endpoint and status");

        // Zoom drops a user and a phone: an incremental run keeps them, a full run removes them
        sim.removeUser(account, "user650@" + account + ".example");
        String phoneId = sim.sipPhones(account).get(0).phoneId();
        sim.addUser(account, "late@" + account + ".example", "Late", "Comer");
        ZoomFixture.connection(account); // nothing changes by reading
        deletePhone(sim, account, phoneId);
        ZoomFixture.syncAndWait(account, "incremental").then().body("status", equalTo("succeeded"))
                .body("usersRemoved", equalTo(0));
        assertEquals(682, count("zoom_user", account));
        ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("succeeded"))
                .body("usersRemoved", equalTo(1)).body("phonesRemoved", equalTo(1));
        assertMirror(sim, account);
    }

    @Test
    void serverErrorsAreRetriedAndRateLimitsHonoured() {
        String account = ZoomFixture.freshAccount("flaky");
        ZoomSimulator sim = ZoomFixture.tenant(account);
        sim.addUsers(account, 40, "u%d@" + account + ".example");
        ZoomFixture.connectServerToServer(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"));

        long before = sim.requestCount(ZoomSimulator.LIST_USERS);
        sim.failNext(ZoomSimulator.LIST_USERS, 2, 503);
        ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("succeeded"));
        assertEquals(before + 3 + 2, sim.requestCount(ZoomSimulator.LIST_USERS), "3 statuses, 2 retried 503s");
        assertEquals(41, count("zoom_user", account));

        // a Pro-like account allowing 1 request per second: Zoom answers 429, the client waits Retry-After
        sim.rateLimit(account, RateLimitCategory.MEDIUM, 1);
        sim.resetCounters(); // rate windows and counters start afresh (limits stay)
        long throttled = sim.throttledCount(RateLimitCategory.MEDIUM);
        ZoomFixture.syncAndWait(account, "full").then().body("status", equalTo("succeeded"));
        assertTrue(sim.throttledCount(RateLimitCategory.MEDIUM) > throttled, "Zoom did throttle");
        assertEquals(1, sim.maxAdmittedRate(account, RateLimitCategory.MEDIUM));
        assertEquals(41, count("zoom_user", account));
    }

    private void assertMirror(ZoomSimulator sim, String account) {
        Map<String, ZoomUser> zoom = sim.users(account).stream().collect(Collectors.toMap(ZoomUser::email, u -> u));
        Map<String, Row> mirror = new HashMap<>();
        pool.preparedQuery("select * from zoom_user where account = $1").execute(Tuple.of(account)).await().indefinitely()
                .forEach(r -> mirror.put(r.getString("email"), r));
        assertEquals(zoom.keySet(), mirror.keySet());
        zoom.forEach((email, u) -> {
            Row r = mirror.get(email);
            assertEquals(u.status().name().toLowerCase(), r.getString("status"), email);
            assertEquals(u.firstName(), r.getString("first_name"));
            assertEquals(u.lastName(), r.getString("last_name"));
            if (u.status() == UserStatus.PENDING) {
                assertNull(r.getString("zoom_user_id"), "Zoom does not list the id of pending users");
            } else {
                assertEquals(u.id(), r.getString("zoom_user_id"));
            }
        });
        Set<String> zoomPhones = new HashSet<>();
        sim.sipPhones(account).forEach(p -> zoomPhones.add(p.phoneId() + "|" + p.userEmail().replace(".mobile", "") + "|"
                + (p.userEmail().endsWith(".mobile") ? "mobile" : "desktop") + "|" + p.userName()));
        Set<String> mirrored = new HashSet<>();
        pool.preparedQuery("select * from zoom_sip_phone where account = $1").execute(Tuple.of(account)).await().indefinitely()
                .forEach(r -> mirrored.add(r.getString("phone_id") + "|" + r.getString("user_email") + "|" + r.getString("kind")
                        + "|" + r.getString("phone_number")));
        assertEquals(zoomPhones, mirrored);
    }

    private long count(String table, String account) {
        return pool.preparedQuery("select count(*) from " + table + " where account = $1").execute(Tuple.of(account))
                .await().indefinitely().iterator().next().getLong(0);
    }

    /** Deletes a phone the way an admin would in Zoom (through the API, with a token of the tenant's app). */
    private static void deletePhone(ZoomSimulator sim, String account, String phoneId) {
        String token = io.restassured.RestAssured.given().auth().preemptive()
                .basic(ZoomFixture.clientId(account), ZoomFixture.secret(account))
                .queryParam("grant_type", "account_credentials").queryParam("account_id", account)
                .when().post(sim.oauthUrl() + "/token").then().statusCode(200).extract().path("access_token");
        io.restassured.RestAssured.given().auth().oauth2(token).when().delete(sim.baseUrl() + "/sip_phones/phones/" + phoneId)
                .then().statusCode(204);
    }
}
