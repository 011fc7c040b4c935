package dev.openpsi.zoomsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpsi.testkit.zoom.RateLimitCategory;
import dev.openpsi.testkit.zoom.ZoomSimulator;
import dev.openpsi.zoomsync.client.RateCategory;
import dev.openpsi.zoomsync.client.ZoomRateLimiter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The limiter is shared through PostgreSQL: two limiter instances, each on its own connection pool
 * (as two replicas), hammering one account and category together never admit more than the limit
 * in any one-second span, and Zoom (the simulator, counting every attempt) never sees more.
 */
@QuarkusTest
@WithTestResource(value = ZoomSimulatorResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ZoomRateLimiterTest {

    private static final int LIMIT = 40;

    @Inject
    Vertx vertx;

    private final List<Pool> pools = new ArrayList<>();

    @BeforeEach
    void pools() {
        for (int i = 0; i < 2; i++) {
            PgConnectOptions connect = PgConnectOptions.fromUri(
                            ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class))
                    .setUser(ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class))
                    .setPassword(ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class))
                    .addProperty("search_path", "zoom_sync");
            pools.add(Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect)
                    .using(vertx.getDelegate()).build()));
        }
    }

    @AfterEach
    void close() {
        pools.forEach(p -> p.close().await().indefinitely());
        pools.clear();
    }

    @Test
    void twoInstancesTogetherAdmitAtMostTheLimitPerSecond() throws Exception {
        String account = ZoomFixture.freshAccount("limit");
        ZoomSimulator sim = ZoomFixture.tenant(account);
        sim.rateLimit(account, RateLimitCategory.LIGHT, LIMIT);
        String token = io.restassured.RestAssured.given().auth().preemptive()
                .basic(ZoomFixture.clientId(account), ZoomFixture.secret(account))
                .queryParam("grant_type", "account_credentials").queryParam("account_id", account)
                .when().post(sim.oauthUrl() + "/token").then().statusCode(200).extract().path("access_token");
        HttpClient http = HttpClient.newHttpClient();
        // open the connection first (on another category), so connection set-up does not delay the first paced request
        http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/users")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding());

        ConcurrentLinkedQueue<Long> admitted = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        int perInstance = 70;
        long start = System.nanoTime();
        for (Pool pool : pools) {
            ZoomRateLimiter limiter = new ZoomRateLimiter(pool, Map.of(RateCategory.LIGHT, LIMIT, RateCategory.MEDIUM, 60,
                    RateCategory.HEAVY, 40), 10);
            for (int i = 0; i < perInstance; i++) {
                statuses.add(limiter.acquire(account, RateCategory.LIGHT)
                        .invoke(() -> admitted.add(System.nanoTime()))
                        .subscribeAsCompletionStage()
                        .thenCompose(v -> http.sendAsync(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/users/me"))
                                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()))
                        .thenApply(HttpResponse::statusCode));
            }
        }
        CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new)).get();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        List<Long> times = new ArrayList<>(admitted);
        Collections.sort(times);
        assertEquals(2 * perInstance, times.size());
        int worst = 0;
        for (int i = 0; i < times.size(); i++) {
            int inWindow = 0;
            for (int j = i; j < times.size() && times.get(j) - times.get(i) < 1_000_000_000L; j++) {
                inWindow++;
            }
            worst = Math.max(worst, inWindow);
        }
        System.out.printf("%d admissions by two limiters in %d ms, at most %d in any second%n", times.size(), elapsedMillis,
                worst);
        assertTrue(worst <= LIMIT, "at most " + LIMIT + " admissions in any second, saw " + worst);
        assertTrue(elapsedMillis >= (2L * perInstance - 1) * 1000 / LIMIT, "paced, not bursted: " + elapsedMillis);
        for (CompletableFuture<Integer> s : statuses) {
            assertEquals(200, s.get(), "Zoom never throttled");
        }
        assertTrue(sim.maxObservedRate(account, RateLimitCategory.LIGHT) <= LIMIT);
        assertTrue(sim.maxAdmittedRate(account, RateLimitCategory.LIGHT) <= LIMIT);
    }

    @Test
    void aWaiterWithHigherPriorityTakesTheNextSlotAndEqualsKeepTheirOrder() throws Exception {
        String account = ZoomFixture.freshAccount("priority");
        ZoomRateLimiter limiter = new ZoomRateLimiter(pools.get(0), Map.of(RateCategory.LIGHT, 20, RateCategory.MEDIUM, 20,
                RateCategory.HEAVY, 20), 0);
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "short-" + i;
            all.add(limiter.acquire(account, RateCategory.MEDIUM, 1).invoke(() -> order.add(name))
                    .subscribeAsCompletionStage());
        }
        // the long chain asks last, while the short ones already wait: it gets one of the next two slots
        all.add(limiter.acquire(account, RateCategory.MEDIUM, 500).invoke(() -> order.add("long"))
                .subscribeAsCompletionStage());
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();

        List<String> admitted = new ArrayList<>(order);
        assertEquals(9, admitted.size());
        assertTrue(admitted.indexOf("long") <= 1, "the higher priority is served next: " + admitted);
        List<String> shorts = admitted.stream().filter(n -> n.startsWith("short-")).toList();
        assertEquals(List.of("short-0", "short-1", "short-2", "short-3", "short-4", "short-5", "short-6", "short-7"), shorts,
                "first come, first served among equals");
    }
}
