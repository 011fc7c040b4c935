package dev.openpsi.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpsi.testkit.infra.LoopbackPorts;
import dev.openpsi.testkit.infra.ManagedProcess;
import dev.openpsi.testkit.infra.ManagedProcess.Lifetime;
import dev.openpsi.testkit.infra.ManagedProcess.StopSignal;
import dev.openpsi.testkit.keycloak.TokenClient;
import dev.openpsi.testkit.zoom.RateLimitCategory;
import dev.openpsi.testkit.zoom.SipPhone;
import dev.openpsi.testkit.zoom.ZoomSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Full sync of N Zoom users with a desktop and a mobile SIP phone each, against the Zoom
 * simulator at Business+ rate limits. The baseline is the least time Zoom's limits allow for the
 * requests the sync made (requests per category / limit per second); the result is the ratio of
 * the measured wall time to it (goal <= 1.15).
 */
@Command(name = "provisioning", description = "Full Zoom sync of N users with 2 SIP phones each at Business+ limits: wall time / least time the limits allow.")
final class ProvisioningBenchmark implements Callable<Integer> {

    private static final String ACCOUNT = "bench-provisioning";
    private static final String ZOOM_ACCOUNT = "bench-zoom";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--users", defaultValue = "100000", description = "Zoom users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--port", defaultValue = "18083", description = "HTTP port of the benchmark's zoom-sync (default ${DEFAULT-VALUE}).")
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        StackLayout stack = ((OpenPsi) spec.root().userObject()).layout();
        Console console = new Console(System.out);
        if (!LoopbackPorts.isOpen(stack.ports().kafka()) || !LoopbackPorts.isOpen(stack.ports().keycloak())) {
            System.err.println("the local stack is not running: ./openpsi up first");
            return 2;
        }
        console.step("seeding the Zoom simulator: " + users + " users, " + 2 * users + " SIP phones (Business+ limits)");
        try (ZoomSimulator zoom = new ZoomSimulator().createAccount(ZOOM_ACCOUNT)) {
            zoom.addUsers(ZOOM_ACCOUNT, users, "zuser%d@bench.example.com");
            for (int i = 1; i <= users; i++) {
                String email = "zuser" + i + "@bench.example.com";
                String dn = Long.toString(4989700000000L + i);
                zoom.addSipPhone(ZOOM_ACCOUNT, SipPhone.of(email, dn, dn, "bench-pass", "sbc.bench.example.com", "sbc.bench.example.com:65061"));
                zoom.addSipPhone(ZOOM_ACCOUNT, SipPhone.of(email + ".mobile", dn, dn, "bench-pass", "sbc.bench.example.com", "sbc.bench.example.com:65061"));
            }
            zoom.registerClient("bench-client", "bench-secret", ZOOM_ACCOUNT);
            zoom.start();

            ManagedProcess zoomSync = startZoomSync(stack, zoom);
            try {
                String base = "http://127.0.0.1:" + port;
                awaitReady(base, zoomSync);
                console.step("zoom-sync for the benchmark ready on " + base);
                String token = new TokenClient(stack.keycloakUrl() + "/realms/openpsi").clientCredentials("zoom-sync",
                        "dev-zoom-sync-secret");
                send(base, token, "PUT", "/api/v1/zoom/connection?account=" + ACCOUNT, Map.of("clientId", "bench-client",
                        "clientSecret", "bench-secret", "zoomAccountId", ZOOM_ACCOUNT, "grantType", "account_credentials"), 200);
                zoom.resetCounters();

                long t = System.nanoTime();
                JsonNode run = send(base, token, "POST", "/api/v1/zoom/sync-runs?account=" + ACCOUNT, Map.of("mode", "full"), 202);
                String id = run.get("id").asText();
                String status;
                JsonNode state;
                double usersDone = 0;
                double phonesDone = 0;
                do {
                    Thread.sleep(50);
                    state = send(base, token, "GET", "/api/v1/zoom/sync-runs/" + id + "?account=" + ACCOUNT, null, 200);
                    status = state.get("status").asText();
                    double now = (System.nanoTime() - t) / 1e9;
                    usersDone = usersDone == 0 && state.get("usersSynced").asInt() >= users ? now : usersDone;
                    phonesDone = phonesDone == 0 && state.get("phonesSynced").asInt() >= 2 * users ? now : phonesDone;
                } while (!status.equals("succeeded") && !status.equals("failed"));
                double wall = (System.nanoTime() - t) / 1e9;
                if (status.equals("failed")) {
                    console.step("sync run failed: " + state.get("error"));
                    return 1;
                }
                double least = 0;
                console.info("");
                console.info(String.format("Full Zoom sync, %d users, %d SIP phones mirrored in %d pages",
                        state.get("usersSynced").asInt(), state.get("phonesSynced").asInt(), state.get("pages").asInt()));
                for (RateLimitCategory category : RateLimitCategory.values()) {
                    long requests = zoom.requestCount(category);
                    if (requests == 0) {
                        continue;
                    }
                    double seconds = (double) requests / category.businessPlusLimit();
                    least = Math.max(least, seconds);
                    console.info(String.format("  %-8s %6d requests, limit %d/s -> at least %.2f s; 429s %d, max admitted %d/s",
                            category.headerValue(), requests, category.businessPlusLimit(), seconds,
                            zoom.throttledCount(category), zoom.maxAdmittedRate(ZOOM_ACCOUNT, category)));
                }
                console.info(String.format("  all users stored after %.2f s, all phones after %.2f s (seen every 50 ms), run ended %.2f s",
                        usersDone, phonesDone, wall));
                printLatencies(console, base);
                double ratio = wall / least;
                console.info(String.format("  wall time %.2f s, least time the limits allow %.2f s, ratio %.3f (goal <= 1.15)",
                        wall, least, ratio));
                return ratio <= 1.15 ? 0 : 1;
            } finally {
                zoomSync.stop(Duration.ofSeconds(20));
            }
        }
    }

    private ManagedProcess startZoomSync(StackLayout stack, ZoomSimulator zoom) throws IOException {
        Map<String, String> env = new HashMap<>(UpCommand.serviceEnvironment(stack, "zoom-sync"));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("OPENPSI_ZOOM_API_URL", zoom.baseUrl());
        env.put("OPENPSI_ZOOM_OAUTH_URL", zoom.oauthUrl());
        // only the sync is measured: this instance leaves the provisioning events to the stack's zoom-sync
        env.put("OPENPSI_MESSAGING_CONSUMER_ENABLED", "false");
        Files.createDirectories(stack.logs());
        return ManagedProcess.start("zoom-sync-bench", List.of(JavaRuntime.java(), "-Xmx512m", "-jar",
                        stack.serviceJar("zoom-sync").toString()), env, stack.home(),
                stack.logs().resolve("zoom-sync-bench.log"), Lifetime.TIED_TO_THIS_JVM, StopSignal.TERM, false);
    }

    /** Mean time of zoom-sync's Zoom requests per endpoint (its openpsi.zoom.requests timer): the chains' latency. */
    private void printLatencies(Console console, String base) throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, double[]> byEndpoint = new java.util.TreeMap<>();
        for (String line : metrics.body().split("\n")) {
            boolean sum = line.startsWith("openpsi_zoom_requests_seconds_sum{");
            if (!sum && !line.startsWith("openpsi_zoom_requests_seconds_count{")) {
                continue;
            }
            String labels = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
            String endpoint = label(labels, "method") + " " + label(labels, "endpoint") + " " + label(labels, "status");
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            byEndpoint.computeIfAbsent(endpoint, k -> new double[2])[sum ? 0 : 1] += value;
        }
        byEndpoint.forEach((endpoint, v) -> console.info(String.format("  %-32s %6.0f requests, mean %.1f ms (send to response)",
                endpoint, v[1], v[1] == 0 ? 0 : 1000 * v[0] / v[1])));
    }

    private static String label(String labels, String name) {
        int at = labels.indexOf(name + "=\"");
        return at < 0 ? "?" : labels.substring(at + name.length() + 2, labels.indexOf('"', at + name.length() + 2));
    }

    private void awaitReady(String base, ManagedProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (Probes.httpStatus(base + "/q/health/ready") != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the benchmark's zoom-sync did not start:\n" + process.logTail(30));
            }
            Thread.sleep(250);
        }
    }

    private JsonNode send(String base, String token, String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
