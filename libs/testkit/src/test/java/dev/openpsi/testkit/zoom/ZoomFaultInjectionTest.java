package dev.openpsi.testkit.zoom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpsi.testkit.zoom.ZoomHttp.Res;

class ZoomFaultInjectionTest {

    private static final String ACCOUNT = "acc-faults";

    private ZoomSimulator sim;
    private ZoomHttp http;
    private String token;

    @BeforeEach
    void start() throws Exception {
        sim = new ZoomSimulator().start();
        sim.createAccount(ACCOUNT);
        sim.addUser(ACCOUNT, "admin@example.com", "Ada", "Admin");
        sim.registerClient("c", "s", ACCOUNT);
        http = new ZoomHttp(sim);
        token = http.s2sToken("c", "s", ACCOUNT);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void nextRequestsFailWithTheGivenStatusThenServiceResumes() throws Exception {
        sim.failNext(2, 503);
        Res first = http.get(token, "/users");
        assertEquals(503, first.status());
        assertEquals(503, first.json().get("code").asInt());
        assertEquals(503, http.get(token, "/users/me").status());
        assertEquals(200, http.get(token, "/users").status());
        assertEquals(2, sim.injectedFaults());
        assertEquals(2, sim.requestCount(ZoomSimulator.LIST_USERS));
    }

    @Test
    void failuresCanTargetOneEndpointIncludingTheTokenEndpoint() throws Exception {
        sim.failNext(ZoomSimulator.TOKEN, 1, 500);
        sim.failNext(ZoomSimulator.CREATE_SIP_PHONE, 1, 502);
        assertEquals(200, http.get(token, "/users").status(), "other endpoints are untouched");
        assertEquals(500, http.token("c", "s", Map.of("grant_type", "account_credentials", "account_id", ACCOUNT))
                .status());
        assertEquals(200, http.token("c", "s", Map.of("grant_type", "account_credentials", "account_id", ACCOUNT))
                .status());
        Map<String, Object> phone = Map.of("user_email", "admin@example.com", "user_name", "100",
                "authorization_name", "100", "password", "pw", "domain", "pbx.example.com",
                "server", Map.of("register_server", "10.0.0.1"));
        assertEquals(502, http.post(token, "/sip_phones/phones", phone).status());
        assertTrue(sim.sipPhones(ACCOUNT).isEmpty(), "a failed request changes nothing");
        assertEquals(201, http.post(token, "/sip_phones/phones", phone).status());
    }

    @Test
    void delayedAnswersMakeClientsTimeOut() throws Exception {
        sim.delayNext(ZoomSimulator.LIST_USERS, 1, Duration.ofSeconds(2));
        var slow = http.api("/users", token).timeout(Duration.ofMillis(300)).GET().build();
        assertThrows(HttpTimeoutException.class, () -> http.client().send(slow, HttpResponse.BodyHandlers.ofString()));
        long t0 = System.nanoTime();
        assertEquals(200, http.get(token, "/users").status());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos(), "only the next request was delayed");
    }

    @Test
    void clearFaultsDropsPendingRules() throws Exception {
        sim.failNext(5, 500);
        sim.clearFaults();
        assertEquals(200, http.get(token, "/users").status());
    }
}
