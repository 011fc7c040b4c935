package dev.openpsi.testkit.zoom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.openpsi.testkit.zoom.ZoomHttp.Res;

class ZoomRateLimitTest {

    private static final String ACCOUNT = "acc-rl";

    private ZoomSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private ZoomHttp startWith(AdjustableClock clock) {
        sim = (clock == null ? new ZoomSimulator() : new ZoomSimulator(clock)).start();
        sim.createAccount(ACCOUNT);
        sim.addUser(ACCOUNT, "admin@example.com", "Ada", "Admin");
        sim.registerClient("c", "s", ACCOUNT);
        return new ZoomHttp(sim);
    }

    @Test
    void sixthRequestInOneSecondIsThrottledWithZoomsHeadersAndPassesAfterRetryAfter() throws Exception {
        AdjustableClock clock = new AdjustableClock();
        ZoomHttp http = startWith(clock);
        sim.rateLimit(RateLimitCategory.MEDIUM, 5);
        String token = http.s2sToken("c", "s", ACCOUNT);

        for (int i = 1; i <= 5; i++) {
            Res ok = http.get(token, "/users");
            assertEquals(200, ok.status(), ok.toString());
            assertEquals("Medium", ok.header("X-RateLimit-Category"));
            assertEquals(String.valueOf(5 - i), ok.header("X-RateLimit-Remaining"));
        }
        Res throttled = http.get(token, "/users");
        assertEquals(429, throttled.status());
        assertEquals("Medium", throttled.header("X-RateLimit-Category"));
        assertEquals("QPS", throttled.header("X-RateLimit-Type"));
        assertEquals("5", throttled.header("X-RateLimit-Limit"));
        assertEquals("0", throttled.header("X-RateLimit-Remaining"));
        assertEquals("1", throttled.header("Retry-After"));
        assertEquals("{\"code\":429,\"message\":\"You have reached the maximum per-second rate limit for this API. "
                + "Try again later.\"}", throttled.raw().body());

        // another category of the same account is not affected ...
        Res light = http.get(token, "/users/me");
        assertEquals(200, light.status());
        assertEquals("Light", light.header("X-RateLimit-Category"));
        assertEquals("80", light.header("X-RateLimit-Limit"));
        // ... nor is another account
        sim.createAccount("other").registerClient("c2", "s2", "other");
        assertEquals(200, http.get(http.s2sToken("c2", "s2", "other"), "/users").status());

        clock.advance(Duration.ofSeconds(Long.parseLong(throttled.header("Retry-After"))));
        assertEquals(200, http.get(token, "/users").status());

        assertEquals(1, sim.throttledCount(RateLimitCategory.MEDIUM));
        assertEquals(8, sim.requestCount(RateLimitCategory.MEDIUM));
        assertEquals(8, sim.requestCount(ZoomSimulator.LIST_USERS), "both accounts' requests are counted");
        assertEquals(6, sim.maxObservedRate(ACCOUNT, RateLimitCategory.MEDIUM));
        assertEquals(5, sim.maxAdmittedRate(ACCOUNT, RateLimitCategory.MEDIUM));
    }

    @Test
    void theWindowSlidesSoNoSecondEverHoldsMoreThanTheLimit() throws Exception {
        AdjustableClock clock = new AdjustableClock();
        ZoomHttp http = startWith(clock);
        sim.rateLimit(RateLimitCategory.LIGHT, 5);
        String token = http.s2sToken("c", "s", ACCOUNT);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, http.get(token, "/users/me").status());
        }
        clock.advance(Duration.ofMillis(600));
        assertEquals(429, http.get(token, "/users/me").status(), "the first five are still within the last second");
        clock.advance(Duration.ofMillis(400));
        assertEquals(200, http.get(token, "/users/me").status());
    }

    @Test
    void aClientPacedAtTheLimitIsNeverThrottled() throws Exception {
        AdjustableClock clock = new AdjustableClock();
        ZoomHttp http = startWith(clock);
        sim.rateLimit(RateLimitCategory.MEDIUM, 5);
        String token = http.s2sToken("c", "s", ACCOUNT);
        for (int i = 0; i < 20; i++) {
            assertEquals(200, http.get(token, "/users").status());
            clock.advance(Duration.ofMillis(200));
        }
        assertEquals(0, sim.throttledCount(RateLimitCategory.MEDIUM));
        assertEquals(5, sim.maxObservedRate(ACCOUNT, RateLimitCategory.MEDIUM));
    }

    @Test
    void concurrentClientsOfOneAccountShareTheLimit() throws Exception {
        AdjustableClock clock = new AdjustableClock(); // time stands still: exactly `limit` requests pass
        ZoomHttp http = startWith(clock);
        sim.rateLimit(RateLimitCategory.MEDIUM, 10);
        String token = http.s2sToken("c", "s", ACCOUNT);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        int status = http.get(token, "/sip_phones/phones").status();
                        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Set.of(200, 429), statuses.keySet());
        assertEquals(10, statuses.get(200).get());
        assertEquals(50, statuses.get(429).get());
        assertEquals(60, sim.maxObservedRate(ACCOUNT, RateLimitCategory.MEDIUM));
        assertEquals(10, sim.maxAdmittedRate(ACCOUNT, RateLimitCategory.MEDIUM));
    }

    @Test
    void onTheRealClockTheRequestAfterRetryAfterSucceeds() throws Exception {
        ZoomHttp http = startWith(null);
        sim.rateLimit(RateLimitCategory.MEDIUM, 5);
        String token = http.s2sToken("c", "s", ACCOUNT);
        Res throttled = null;
        for (int i = 0; i < 100 && throttled == null; i++) {
            Res r = http.get(token, "/sip_phones/phones");
            if (r.status() == 429) {
                throttled = r;
            } else {
                assertEquals(200, r.status(), r.toString());
            }
        }
        assertNotNull(throttled, "six quick requests must hit a limit of 5/s");
        Thread.sleep(Duration.ofSeconds(Long.parseLong(throttled.header("Retry-After"))).toMillis());
        assertEquals(200, http.get(token, "/sip_phones/phones").status());
        assertTrue(sim.maxAdmittedRate(ACCOUNT, RateLimitCategory.MEDIUM) <= 5);
    }

    @Test
    void defaultLimitsAreBusinessPlusAndCanBeSetPerAccount() throws Exception {
        ZoomHttp http = startWith(null);
        String token = http.s2sToken("c", "s", ACCOUNT);
        assertEquals("60", http.get(token, "/users").header("X-RateLimit-Limit"));
        assertEquals("80", http.get(token, "/users/me").header("X-RateLimit-Limit"));
        sim.rateLimit(ACCOUNT, RateLimitCategory.MEDIUM, 20); // a Pro account
        assertEquals("20", http.get(token, "/users").header("X-RateLimit-Limit"));
        sim.rateLimiting(false);
        assertNull(http.get(token, "/users").header("X-RateLimit-Limit"));
    }

    @Test
    void retryAfterCanBeLeftOutToTestAClientsFallback() throws Exception {
        ZoomHttp http = startWith(new AdjustableClock());
        sim.rateLimit(RateLimitCategory.MEDIUM, 1).retryAfterOnPerSecondLimit(false);
        String token = http.s2sToken("c", "s", ACCOUNT);
        http.get(token, "/users");
        Res r = http.get(token, "/users");
        assertEquals(429, r.status());
        assertNull(r.header("Retry-After"));
        assertEquals("QPS", r.header("X-RateLimit-Type"));
    }

    @Test
    void endpointCategoriesFollowZoomsRateLimitLabels() {
        Map<String, RateLimitCategory> m = ZoomSimulator.endpointCategories();
        assertEquals(RateLimitCategory.MEDIUM, m.get("GET /users"));
        assertEquals(RateLimitCategory.LIGHT, m.get("GET /users/{userId}"));
        assertEquals(RateLimitCategory.MEDIUM, m.get("GET /sip_phones"));
        assertEquals(RateLimitCategory.MEDIUM, m.get("GET /sip_phones/phones"));
        for (String write : new String[] {"POST /sip_phones", "PATCH /sip_phones/{phoneId}",
                "DELETE /sip_phones/{phoneId}", "POST /sip_phones/phones", "PATCH /sip_phones/phones/{phoneId}",
                "DELETE /sip_phones/phones/{phoneId}"}) {
            assertEquals(RateLimitCategory.LIGHT, m.get(write), write);
        }
    }
}
