package dev.openpsi.testkit.zoom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpsi.testkit.zoom.ZoomHttp.Res;

class ZoomUsersTest {

    private static final String ACCOUNT = "acc-users";

    private final AdjustableClock clock = new AdjustableClock();
    private ZoomSimulator sim;
    private ZoomHttp http;
    private String token;

    @BeforeEach
    void start() throws Exception {
        sim = new ZoomSimulator(clock).start();
        sim.createAccount(ACCOUNT);
        sim.registerClient("c", "s", ACCOUNT);
        http = new ZoomHttp(sim);
        token = http.s2sToken("c", "s", ACCOUNT);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void pagesSixHundredFiftyUsersInThreePagesOfAtMostThreeHundredWithoutDuplicates() throws Exception {
        sim.addUsers(ACCOUNT, 650, "user%d@example.com");
        List<Integer> sizes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String next = "";
        int pages = 0;
        do {
            Res r = http.get(token, "/users?status=active&page_size=300" + (next.isEmpty() ? "" : "&next_page_token=" + next));
            assertEquals(200, r.status(), r.toString());
            JsonNode body = r.json();
            assertEquals(650, body.get("total_records").asInt());
            assertEquals(3, body.get("page_count").asInt());
            assertEquals(300, body.get("page_size").asInt());
            assertEquals(++pages, body.get("page_number").asInt());
            sizes.add(body.get("users").size());
            body.get("users").forEach(u -> assertTrue(ids.add(u.get("id").asText()), "duplicate " + u));
            next = body.get("next_page_token").asText();
        } while (!next.isEmpty() && pages < 10);
        assertEquals(List.of(300, 300, 50), sizes);
        assertEquals(650, ids.size());
    }

    @Test
    void pageSizeAboveTheMaximumIsClampedAndDefaultIsThirty() throws Exception {
        sim.addUsers(ACCOUNT, 400, "u%d@example.com");
        Res big = http.get(token, "/users?page_size=1000");
        assertEquals(300, big.json().get("users").size());
        assertEquals(300, big.json().get("page_size").asInt());
        Res dflt = http.get(token, "/users");
        assertEquals(30, dflt.json().get("users").size());
        assertEquals(14, dflt.json().get("page_count").asInt());
        Res bad = http.get(token, "/users?page_size=abc");
        assertEquals(400, bad.status());
        assertEquals(300, bad.json().get("code").asInt());
    }

    @Test
    void nextPageTokenExpiresAfterFifteenMinutes() throws Exception {
        sim.addUsers(ACCOUNT, 20, "u%d@example.com");
        String next = http.get(token, "/users?page_size=5").json().get("next_page_token").asText();
        clock.advance(Duration.ofMinutes(14));
        assertEquals(200, http.get(token, "/users?page_size=5&next_page_token=" + next).status(),
                "a token may be reused until it expires");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        Res expired = http.get(token, "/users?page_size=5&next_page_token=" + next);
        assertEquals(400, expired.status());
        assertEquals("{\"code\":300,\"message\":\"The next page token is invalid or expired.\"}", expired.raw().body());
        assertEquals(400, http.get(token, "/users?next_page_token=garbage").status());
    }

    @Test
    void pageTokensBelongToOneAccountAndOneList() throws Exception {
        sim.addUsers(ACCOUNT, 10, "u%d@example.com");
        String next = http.get(token, "/users?page_size=2").json().get("next_page_token").asText();
        sim.createAccount("other").registerClient("c2", "s2", "other");
        String otherToken = http.s2sToken("c2", "s2", "other");
        assertEquals(400, http.get(otherToken, "/users?next_page_token=" + next).status());
        assertEquals(400, http.get(token, "/sip_phones/phones?next_page_token=" + next).status());
    }

    @Test
    void usersAddedWhilePagingAreNeitherSkippedNorRepeated() throws Exception {
        sim.addUsers(ACCOUNT, 6, "u%d@example.com");
        Res p1 = http.get(token, "/users?page_size=4");
        sim.addUser(ACCOUNT, "late@example.com", "Late", "Comer");
        sim.removeUser(ACCOUNT, "u1@example.com");
        Res p2 = http.get(token, "/users?page_size=4&next_page_token=" + p1.json().get("next_page_token").asText());
        List<String> emails = new ArrayList<>();
        p1.json().get("users").forEach(u -> emails.add(u.get("email").asText()));
        p2.json().get("users").forEach(u -> emails.add(u.get("email").asText()));
        assertEquals(List.of("u1@example.com", "u2@example.com", "u3@example.com", "u4@example.com",
                "u5@example.com", "u6@example.com", "late@example.com"), emails);
    }

    @Test
    void statusFilterDefaultsToActiveAndPendingUsersComeWithoutId() throws Exception {
        sim.addUser(ACCOUNT, "a@example.com", "A", "Active");
        sim.addUser(ACCOUNT, "i@example.com", "I", "Inactive", UserStatus.INACTIVE);
        sim.addUser(ACCOUNT, "p@example.com", "P", "Pending", UserStatus.PENDING);
        JsonNode active = http.get(token, "/users").json();
        assertEquals(1, active.get("total_records").asInt());
        assertEquals("a@example.com", active.get("users").get(0).get("email").asText());
        JsonNode inactive = http.get(token, "/users?status=inactive").json();
        assertEquals("inactive", inactive.get("users").get(0).get("status").asText());
        JsonNode pending = http.get(token, "/users?status=pending").json().get("users").get(0);
        assertEquals("p@example.com", pending.get("email").asText());
        assertFalse(pending.has("id"));
        assertEquals(400, http.get(token, "/users?status=deleted").status());

        sim.setUserStatus(ACCOUNT, "a@example.com", UserStatus.INACTIVE);
        assertEquals(2, http.get(token, "/users?status=inactive").json().get("total_records").asInt());
    }

    @Test
    void getUserByIdEmailOrMeAndUnknownIs1001() throws Exception {
        ZoomUser owner = sim.addUser(ACCOUNT, "Owner@Example.com", "Olga", "Owner");
        ZoomUser other = sim.addUser(ACCOUNT, "bob@example.com", "Bob", "Builder", 1, UserStatus.ACTIVE);
        Res byId = http.get(token, "/users/" + other.id());
        assertEquals(200, byId.status());
        assertEquals("bob@example.com", byId.json().get("email").asText());
        assertEquals(1, byId.json().get("type").asInt());
        assertEquals("Bob Builder", byId.json().get("display_name").asText());
        assertEquals(other.id(), http.get(token, "/users/BOB@example.com").json().get("id").asText());
        assertEquals(owner.id(), http.get(token, "/users/me").json().get("id").asText());
        Res missing = http.get(token, "/users/ghost@example.com");
        assertEquals(404, missing.status());
        assertEquals("{\"code\":1001,\"message\":\"User does not exist: ghost@example.com.\"}", missing.raw().body());
    }

    @Test
    void emailsAreUniquePerAccountCaseInsensitively() {
        sim.addUser(ACCOUNT, "dup@example.com", "A", "B");
        try {
            sim.addUser(ACCOUNT, "DUP@example.com", "C", "D");
            throw new AssertionError("duplicate email accepted");
        } catch (IllegalArgumentException expected) {
            // as Zoom: one user per email in an account
        }
        sim.createAccount("other");
        sim.addUser("other", "dup@example.com", "A", "B"); // another tenant may have it
    }

    @Test
    void seedsAHundredThousandUsersQuicklyAndListsThem() throws Exception {
        long t0 = System.nanoTime();
        sim.addUsers(ACCOUNT, 100_000, "user%d@big.example.com");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 10_000, "seeding took " + millis + " ms");
        Res r = http.get(token, "/users?page_size=300");
        assertEquals(100_000, r.json().get("total_records").asInt());
        assertEquals(334, r.json().get("page_count").asInt());
        assertEquals("user1@big.example.com", r.json().get("users").get(0).get("email").asText());
    }

    @Test
    void unknownEndpointsAnswerZoomsNotRecognised() throws Exception {
        Res r = http.get(token, "/meetings/123");
        assertEquals(404, r.status());
        assertEquals(2300, r.json().get("code").asInt());
        assertEquals(1, sim.requestCount(ZoomSimulator.UNKNOWN));
    }
}
