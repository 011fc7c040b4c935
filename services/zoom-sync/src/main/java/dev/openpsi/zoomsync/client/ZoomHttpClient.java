package dev.openpsi.zoomsync.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.openpsi.zoomsync.config.ZoomConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The one HTTP client of the Zoom edge (Vert.x Web Client, Mutiny API, configured once): API and
 * OAuth roots from config, connect/idle/request timeouts, the proxy of the environment, the shared
 * {@link ZoomRateLimiter} before every API request, 429 waited out (Retry-After, else
 * X-RateLimit-Type, else a fallback), 5xx and timeouts retried with jittered exponential backoff
 * for idempotent methods (GET, PATCH, DELETE) only, and a Micrometer timer
 * {@code openpsi.zoom.requests} per endpoint and outcome. Nothing here blocks: waits are timers.
 * Tokens are passed in by the caller and never logged.
 */
@ApplicationScoped
public class ZoomHttpClient {

    private static final Logger LOG = Logger.getLogger(ZoomHttpClient.class);

    /**
     * One API request: {@code template} names the endpoint for metrics ({@code /users/{userId}});
     * {@code priority} orders this replica's waiters for a rate-limit slot (higher first).
     */
    public record Call(String account, HttpMethod method, String path, String template, Map<String, String> query,
            JsonObject body, RateCategory category, int priority) {

        public Call(String account, HttpMethod method, String path, String template, Map<String, String> query,
                JsonObject body, RateCategory category) {
            this(account, method, path, template, query, body, category, 0);
        }

        boolean idempotent() {
            return method == HttpMethod.GET || method == HttpMethod.PATCH || method == HttpMethod.DELETE
                    || method == HttpMethod.PUT;
        }
    }

    private final ZoomConfig config;
    private final ZoomRateLimiter limiter;
    private final MeterRegistry meters;
    private final WebClient web;
    private final String apiUrl;
    private final String tokenUrl;

    public ZoomHttpClient(Vertx vertx, ZoomConfig config, ZoomRateLimiter limiter, MeterRegistry meters) {
        this.config = config;
        this.limiter = limiter;
        this.meters = meters;
        this.apiUrl = strip(config.apiUrl());
        this.tokenUrl = strip(config.oauthUrl()) + "/token";
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds())
                .setKeepAlive(true)
                .setUserAgent("openpsi-zoom-sync")
                .setFollowRedirects(false)
                .setVerifyHost(true);
        dev.openpsi.http.WebClientProxy.configure(options, dev.openpsi.http.OutboundProxy.fromEnvironment(),
                java.net.URI.create(apiUrl), java.net.URI.create(tokenUrl));
        this.web = WebClient.create(vertx, options);
    }

    @PreDestroy
    void close() {
        web.close();
    }

    // ------------------------------------------------------------------ API

    /** Sends one API call with {@code accessToken}; the body of a 2xx (empty object for 204) or a {@link ZoomApiException}. */
    public Uni<JsonObject> api(Call call, String accessToken) {
        return api(call, Uni.createFrom().item(accessToken));
    }

    /**
     * Sends one API call with the token {@code accessToken} yields; the token is looked up while
     * the call waits for its rate-limit slot, so its lookup adds nothing to the call's latency.
     */
    public Uni<JsonObject> api(Call call, Uni<String> accessToken) {
        return execute(call, accessToken.memoize().indefinitely(), 1, 0);
    }

    private Uni<JsonObject> execute(Call call, Uni<String> token, int attempt, int throttled) {
        return Uni.combine().all().unis(limiter.acquire(call.account(), call.category(), call.priority()), token)
                .with((slot, t) -> t)
                .chain(t -> send(call, t))
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure != null) {
                        if (call.idempotent() && attempt < config.maxAttempts()) {
                            LOG.debugf("Zoom %s %s: %s, retry %d", call.method(), call.template(), failure, attempt);
                            return backoff(attempt).chain(() -> execute(call, token, attempt + 1, throttled));
                        }
                        return Uni.createFrom().failure(new ZoomApiException(call.method().name(), call.path(), 0, 0,
                                failure instanceof TimeoutException ? "timeout" : failure.getClass().getSimpleName()
                                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()), failure));
                    }
                    int status = response.statusCode();
                    if (status == 429 && throttled < config.maxThrottledRetries()) {
                        Duration wait = throttleWait(response.headers());
                        LOG.debugf("Zoom %s %s throttled (%s), waiting %s", call.method(), call.template(),
                                response.getHeader("X-RateLimit-Category"), wait);
                        return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                                .chain(() -> execute(call, token, attempt, throttled + 1));
                    }
                    if (status >= 500 && call.idempotent() && attempt < config.maxAttempts()) {
                        LOG.debugf("Zoom %s %s: %d, retry %d", call.method(), call.template(), status, attempt);
                        return backoff(attempt).chain(() -> execute(call, token, attempt + 1, throttled));
                    }
                    if (status >= 200 && status < 300) {
                        return Uni.createFrom().item(json(response));
                    }
                    return Uni.createFrom().failure(error(call.method().name(), call.path(), response));
                });
    }

    private Uni<HttpResponse<Buffer>> send(Call call, String token) {
        HttpRequest<Buffer> request = web.requestAbs(call.method(), apiUrl + call.path())
                .timeout(config.requestTimeout().toMillis())
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "application/json");
        if (call.query() != null) {
            call.query().forEach(request::addQueryParam);
        }
        long start = System.nanoTime();
        Uni<HttpResponse<Buffer>> sent = call.body() == null ? request.send() : request.sendJsonObject(call.body());
        return timed(sent, call.method().name(), call.template(), start);
    }

    /** The spacing of the rate limiter's slots of {@code category}. */
    public Duration interval(RateCategory category) {
        return limiter.interval(category);
    }

    // ------------------------------------------------------------------ OAuth

    /**
     * {@code POST <oauth-url>/token} with HTTP Basic client authentication and a form body. Not
     * retried: a refresh that reached Zoom but lost its answer has already rotated the token.
     */
    public Uni<JsonObject> token(String clientId, String clientSecret, Map<String, String> form) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        form.forEach(params::add);
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long start = System.nanoTime();
        Uni<HttpResponse<Buffer>> sent = web.postAbs(tokenUrl)
                .timeout(config.requestTimeout().toMillis())
                .putHeader("Authorization", "Basic " + basic)
                .putHeader("Accept", "application/json")
                .sendForm(params);
        return timed(sent, "POST", "/oauth/token", start)
                .onFailure().transform(f -> new ZoomOAuthException(0, "Unavailable", f.getClass().getSimpleName()))
                .map(response -> {
                    if (response.statusCode() == 200) {
                        return json(response);
                    }
                    JsonObject body = safeJson(response);
                    String error = body.getString("error", response.statusCode() >= 500 ? "server_error" : "invalid_request");
                    throw new ZoomOAuthException(response.statusCode(), error, body.getString("reason", body.getString("message")));
                });
    }

    // ------------------------------------------------------------------ helpers

    private Uni<HttpResponse<Buffer>> timed(Uni<HttpResponse<Buffer>> sent, String method, String template, long start) {
        return sent.ifNoItem().after(config.requestTimeout().plusSeconds(1)).failWith(TimeoutException::new)
                .onItemOrFailure().invoke((r, f) -> Timer.builder("openpsi.zoom.requests")
                        .description("Zoom API and OAuth requests")
                        .tag("method", method).tag("endpoint", template)
                        .tag("status", f != null ? "none" : String.valueOf(r.statusCode()))
                        .register(meters).record(Duration.ofNanos(System.nanoTime() - start)));
    }

    private Uni<Void> backoff(int attempt) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(Math.max(1, jittered)));
    }

    /** Retry-After (seconds or HTTP date), else a per-second window, else the fallback; header names are case-insensitive. */
    Duration throttleWait(MultiMap headers) {
        return throttleWait(headers.get("Retry-After"), headers.get("X-RateLimit-Type"), headers.get("X-RateLimit-Remaining"),
                config.throttleFallback());
    }

    static Duration throttleWait(String retryAfter, String type, String remaining, Duration fallback) {
        if (retryAfter != null && !retryAfter.isBlank()) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))).plusMillis(jitter());
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return (d.isNegative() ? Duration.ZERO : d).plusMillis(jitter());
                } catch (RuntimeException unreadable) {
                    // fall through
                }
            }
        }
        if (type != null && type.equalsIgnoreCase("QPS")) {
            return Duration.ofMillis(1000 + jitter());
        }
        if (type != null && type.equalsIgnoreCase("QPM")) {
            return Duration.ofSeconds(60).plusMillis(jitter());
        }
        return fallback.plusMillis(jitter());
    }

    private static long jitter() {
        return ThreadLocalRandom.current().nextLong(50);
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        Buffer body = response.body();
        if (body == null || body.length() == 0) {
            return new JsonObject();
        }
        return body.toJsonObject();
    }

    private static JsonObject safeJson(HttpResponse<Buffer> response) {
        try {
            return json(response);
        } catch (RuntimeException notJson) {
            return new JsonObject();
        }
    }

    private static ZoomApiException error(String method, String path, HttpResponse<Buffer> response) {
        JsonObject body = safeJson(response);
        Object code = body.getValue("code");
        int c = code instanceof Number n ? n.intValue() : 0;
        return new ZoomApiException(method, path, response.statusCode(), c, body.getString("message"), null);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
