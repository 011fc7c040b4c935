package dev.openpsi.testkit.zoom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Zoom API peer for tests and the local stack (never on a production path): a real HTTP server on
 * 127.0.0.1 that answers like {@code https://api.zoom.us/v2} and {@code https://zoom.us/oauth}, so a real
 * client talks HTTP to it exactly as it would to Zoom.
 *
 * <h2>What is simulated, and from which public source</h2>
 * <ul>
 * <li><b>Users</b> (Users API OpenAPI, operations {@code users} and {@code user}): {@code GET /users}
 * ({@code status} active|inactive|pending, default active; {@code page_size} default 30, clamped to
 * {@link #maxPageSize(int)} = 300; {@code next_page_token}, valid 15 minutes; pending users are listed without
 * {@code id}) and {@code GET /users/{userId}} (ID, email or {@code me}; 404 code 1001).</li>
 * <li><b>SIP phones</b> (Meeting API OpenAPI, tag "SIP Phone"): the deprecated flat resource
 * {@code GET/POST /sip_phones}, {@code PATCH/DELETE /sip_phones/{phoneId}} and its successor
 * {@code GET/POST /sip_phones/phones}, {@code PATCH/DELETE /sip_phones/phones/{phoneId}} with nested
 * {@code server}/{@code server_2}/{@code server_3}; required fields, lengths, enums and error codes 200, 300,
 * 1001, 2305 as those documents list them. Both resources share one store per account.</li>
 * <li><b>OAuth</b> ({@link OAuthServer}): authorization code, refresh with rotation, Server-to-Server
 * {@code account_credentials}, HTTP Basic client authentication, Zoom's {@code {"reason","error"}} bodies.</li>
 * <li><b>Errors</b> (developers.zoom.us/docs/api/errors): {@code {"code": ..., "message": ...}}; 401/124 for a
 * missing, unknown or expired token; 400/4711 "Invalid access token, does not contain scopes:[...]".</li>
 * <li><b>Rate limits</b> (developers.zoom.us/docs/api/rate-limits): per account and per category
 * ({@link RateLimitCategory}), Business+ defaults Light 80/s, Medium 60/s, Heavy 40/s; the endpoint labels are
 * the "Rate Limit Label" of each operation: {@code GET /users} MEDIUM, {@code GET /users/{userId}} LIGHT, list
 * SIP phones MEDIUM, create/update/delete SIP phone LIGHT. Over the limit: HTTP 429, body
 * {@code {"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}},
 * headers {@code X-RateLimit-Category}, {@code X-RateLimit-Type: QPS}, {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining: 0} and {@code Retry-After} (seconds).</li>
 * </ul>
 *
 * <h2>For tests</h2>
 * Seed with {@link #createAccount}, {@link #addUser}, {@link #addUsers} (100,000 users in about a second),
 * {@link #registerClient}, {@link #issueAuthorizationCode}; break things with {@link #failNext},
 * {@link #delayNext}, {@link #revokeRefreshTokens}; inject an {@link AdjustableClock} to expire tokens and page
 * tokens; read {@link #requestCount}, {@link #throttledCount} and {@link #maxObservedRate} to prove a client
 * honoured the limits.
 */
public final class ZoomSimulator implements AutoCloseable {

    public static final String TOKEN = "POST /oauth/token";
    public static final String AUTHORIZE = "GET /oauth/authorize";
    public static final String REVOKE = "POST /oauth/revoke";
    public static final String LIST_USERS = ZoomApi.LIST_USERS.key();
    public static final String GET_USER = ZoomApi.GET_USER.key();
    public static final String LIST_SIP_PHONES_LEGACY = ZoomApi.LIST_SIP_LEGACY.key();
    public static final String CREATE_SIP_PHONE_LEGACY = ZoomApi.CREATE_SIP_LEGACY.key();
    public static final String UPDATE_SIP_PHONE_LEGACY = ZoomApi.UPDATE_SIP_LEGACY.key();
    public static final String DELETE_SIP_PHONE_LEGACY = ZoomApi.DELETE_SIP_LEGACY.key();
    public static final String LIST_SIP_PHONES = ZoomApi.LIST_SIP.key();
    public static final String CREATE_SIP_PHONE = ZoomApi.CREATE_SIP.key();
    public static final String UPDATE_SIP_PHONE = ZoomApi.UPDATE_SIP.key();
    public static final String DELETE_SIP_PHONE = ZoomApi.DELETE_SIP.key();
    /** Counter key of requests to paths the simulator does not serve. */
    public static final String UNKNOWN = "UNKNOWN";

    /** Scopes a client gets when registered without explicit ones: everything the simulator serves. */
    public static final Set<String> DEFAULT_SCOPES = Set.of("user:read:admin", "sip_phone:read:admin",
            "sip_phone:write:admin");

    private static final Logger LOG = Logger.getLogger(ZoomSimulator.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Clock clock;
    private final Map<String, ZoomAccount> accounts = new ConcurrentHashMap<>();
    private final RateLimiter limiter;
    private final PageTokens pageTokens;
    private final Faults faults = new Faults();
    private final OAuthServer oauth;
    private final ZoomApi api;
    private final Map<String, LongAdder> endpointCounts = new ConcurrentHashMap<>();
    private final Map<RateLimitCategory, LongAdder> categoryCounts = new ConcurrentHashMap<>();
    private final Map<RateLimitCategory, LongAdder> throttledCounts = new ConcurrentHashMap<>();
    private volatile int maxPageSize = 300;
    private volatile boolean retryAfterOnPerSecondLimit = true;

    private HttpServer server;
    private ExecutorService executor;
    private volatile int port = -1;

    /** A simulator on the system clock. */
    public ZoomSimulator() {
        this(Clock.systemUTC());
    }

    /** A simulator on the given clock (tokens, authorization codes, page tokens and rate windows use it). */
    public ZoomSimulator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limiter = new RateLimiter(clock);
        this.pageTokens = new PageTokens(clock);
        this.oauth = new OAuthServer(clock, this::account, this::rootUrl);
        this.api = new ZoomApi(pageTokens, () -> maxPageSize);
        for (RateLimitCategory c : RateLimitCategory.values()) {
            categoryCounts.put(c, new LongAdder());
            throttledCounts.put(c, new LongAdder());
        }
    }

    // ================================================================ lifecycle

    /** Starts on a free loopback port. */
    public ZoomSimulator start() {
        return start(0);
    }

    /** Starts on 127.0.0.1:{@code port} ({@code 0}: any free port). */
    public synchronized ZoomSimulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started on port " + this.port);
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "zoom-sim-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.port = server.getAddress().getPort();
        LOG.infof("Zoom simulator listening: API %s, OAuth %s", baseUrl(), oauthUrl());
        return this;
    }

    public int port() {
        if (port < 0) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    /** {@code http://127.0.0.1:P}: what Zoom returns as {@code api_url} (the API host without {@code /v2}). */
    public String rootUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The API root, like {@code https://api.zoom.us/v2}. */
    public String baseUrl() {
        return rootUrl() + "/v2";
    }

    /** The OAuth root, like {@code https://zoom.us/oauth} (token endpoint: {@code oauthUrl() + "/token"}). */
    public String oauthUrl() {
        return rootUrl() + "/oauth";
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
            LOG.debugf("Zoom simulator on port %d stopped", port);
        }
    }

    // ================================================================ configuration

    /** The limit of one category for every account without its own (Business+ by default); {@code <= 0}: unlimited. */
    public ZoomSimulator rateLimit(RateLimitCategory category, int perWindow) {
        limiter.setDefault(category, perWindow);
        return this;
    }

    /** One account's own limit for one category (e.g. a Pro account: Light 30, Medium 20, Heavy 10). */
    public ZoomSimulator rateLimit(String accountId, RateLimitCategory category, int perWindow) {
        limiter.setForAccount(accountId, category, perWindow);
        return this;
    }

    /** Turns rate limiting off (counters keep counting) or back on. */
    public ZoomSimulator rateLimiting(boolean enabled) {
        limiter.setEnabled(enabled);
        return this;
    }

    /**
     * Whether per-second 429s carry {@code Retry-After} (default yes). Zoom's rate-limit page shows
     * {@code Retry-After} on the daily-limit example; turn it off to test a client's fallback when it is absent.
     */
    public ZoomSimulator retryAfterOnPerSecondLimit(boolean send) {
        retryAfterOnPerSecondLimit = send;
        return this;
    }

    /** Access token lifetime (Zoom: one hour). */
    public ZoomSimulator accessTokenLifetime(Duration lifetime) {
        oauth.accessTokenLifetime = lifetime;
        return this;
    }

    /** Refresh token lifetime (default 90 days). */
    public ZoomSimulator refreshTokenLifetime(Duration lifetime) {
        oauth.refreshTokenLifetime = lifetime;
        return this;
    }

    /** Authorization code lifetime (Zoom: 5 minutes). */
    public ZoomSimulator authorizationCodeLifetime(Duration lifetime) {
        oauth.codeLifetime = lifetime;
        return this;
    }

    /** {@code next_page_token} lifetime (Zoom: 15 minutes). */
    public ZoomSimulator pageTokenLifetime(Duration lifetime) {
        pageTokens.setLifetime(lifetime);
        return this;
    }

    /** Largest {@code page_size} honoured; larger values are clamped (default 300). */
    public ZoomSimulator maxPageSize(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max page size must be positive");
        }
        maxPageSize = max;
        return this;
    }

    /** The {@code error} of a refused refresh token (default {@code invalid_grant}; some reports show {@code invalid_request}). */
    public ZoomSimulator refusedRefreshTokenError(String error) {
        oauth.refusedRefreshError = Objects.requireNonNull(error);
        return this;
    }

    // ================================================================ seeding

    /** Creates a Zoom account (tenant); does nothing when it exists. */
    public ZoomSimulator createAccount(String accountId) {
        Objects.requireNonNull(accountId, "accountId");
        accounts.computeIfAbsent(accountId,
                id -> new ZoomAccount(id, 10_000_000L + ThreadLocalRandom.current().nextLong(89_999_999L)));
        return this;
    }

    public ZoomUser addUser(String accountId, String email, String firstName, String lastName) {
        return addUser(accountId, email, firstName, lastName, 2, UserStatus.ACTIVE);
    }

    public ZoomUser addUser(String accountId, String email, String firstName, String lastName, UserStatus status) {
        return addUser(accountId, email, firstName, lastName, 2, status);
    }

    /**
     * Adds a user; its email must be unique in the account (case-insensitive). The first user becomes the
     * account owner ({@code me} of Server-to-Server tokens and of codes issued without a user).
     *
     * @param type 1 Basic, 2 Licensed, 4 Unassigned without Meetings Basic, 99 None
     */
    public ZoomUser addUser(String accountId, String email, String firstName, String lastName, int type,
            UserStatus status) {
        return account(accountId).addUser(email, firstName, lastName, type, status, now());
    }

    /** Adds {@code count} active licensed users, emails from a {@link String#format} pattern such as {@code user%d@example.com}. */
    public int addUsers(String accountId, int count, String emailPattern) {
        return addUsers(accountId, count, emailPattern, UserStatus.ACTIVE);
    }

    public int addUsers(String accountId, int count, String emailPattern, UserStatus status) {
        return account(accountId).addUsers(count, emailPattern, status, 2, now());
    }

    public ZoomUser setUserStatus(String accountId, String userIdOrEmail, UserStatus status) {
        return account(accountId).setUserStatus(userIdOrEmail, status);
    }

    public boolean removeUser(String accountId, String userIdOrEmail) {
        return account(accountId).removeUser(userIdOrEmail);
    }

    public void setAccountOwner(String accountId, String userIdOrEmail) {
        ZoomAccount a = account(accountId);
        ZoomUser u = a.user(userIdOrEmail);
        if (u == null) {
            throw new IllegalArgumentException("no user " + userIdOrEmail + " in account " + accountId);
        }
        a.setOwner(u.id());
    }

    /** Without SIP Phone Integration every SIP phone call answers 400, code 200 "Permission missing ...". */
    public void setSipPhoneIntegration(String accountId, boolean enabled) {
        account(accountId).sipPhoneIntegrationEnabled = enabled;
    }

    /** Seeds a SIP phone as if created through the API (its ID is generated when {@code phoneId} is null). */
    public SipPhone addSipPhone(String accountId, SipPhone phone) {
        SipPhone stored = account(accountId).addPhone(phone);
        if (stored == null) {
            throw new IllegalArgumentException("a SIP phone for " + phone.userEmail() + " already exists");
        }
        return stored;
    }

    /** Registers an OAuth app of an account with {@link #DEFAULT_SCOPES}. */
    public ZoomSimulator registerClient(String clientId, String secret, String accountId) {
        return registerClient(clientId, secret, accountId, DEFAULT_SCOPES);
    }

    /** Registers an OAuth app; its tokens carry these scopes and endpoints refuse them without one they accept. */
    public ZoomSimulator registerClient(String clientId, String secret, String accountId, Collection<String> scopes) {
        account(accountId);
        oauth.register(new OAuthServer.Client(clientId, secret, accountId, Set.copyOf(new LinkedHashSet<>(scopes))));
        return this;
    }

    /** An authorization code as the consent redirect would deliver it, for the account owner. */
    public String issueAuthorizationCode(String clientId, String redirectUri) {
        return oauth.issueCode(clientId, redirectUri, null);
    }

    /** An authorization code for one user of the client's account. */
    public String issueAuthorizationCode(String clientId, String redirectUri, String userIdOrEmail) {
        return oauth.issueCode(clientId, redirectUri, userIdOrEmail);
    }

    /** Kills every refresh token of an account (grant revoked): refreshing answers Zoom's "Invalid Token!". */
    public int revokeRefreshTokens(String accountId) {
        return oauth.revokeRefreshTokens(accountId);
    }

    public boolean revokeRefreshToken(String refreshToken) {
        return oauth.revokeRefreshToken(refreshToken);
    }

    /** Kills every access token of an account: API calls answer 401, code 124 "Invalid access token.". */
    public int revokeAccessTokens(String accountId) {
        return oauth.revokeAccessTokens(accountId);
    }

    // ================================================================ inspection

    public List<ZoomUser> users(String accountId) {
        return account(accountId).users();
    }

    public Optional<ZoomUser> user(String accountId, String userIdOrEmail) {
        return Optional.ofNullable(account(accountId).user(userIdOrEmail));
    }

    public List<SipPhone> sipPhones(String accountId) {
        return account(accountId).phones();
    }

    public Optional<SipPhone> sipPhone(String accountId, String phoneId) {
        return Optional.ofNullable(account(accountId).phone(phoneId));
    }

    public Optional<SipPhone> sipPhoneByEmail(String accountId, String userEmail) {
        return account(accountId).phones().stream().filter(p -> p.userEmail().equalsIgnoreCase(userEmail)).findFirst();
    }

    /** Endpoint key (e.g. {@code GET /users}) to its Zoom rate-limit label. */
    public static Map<String, RateLimitCategory> endpointCategories() {
        Map<String, RateLimitCategory> m = new LinkedHashMap<>();
        ZoomApi.ROUTES.forEach(r -> m.put(r.key(), r.category()));
        return m;
    }

    // ================================================================ fault injection

    /** The next {@code count} requests (API or OAuth) answer {@code status} (e.g. 500, 502, 503). */
    public void failNext(int count, int status) {
        faults.failNext(null, count, status);
    }

    /** The next {@code count} requests to one endpoint key (e.g. {@link #TOKEN}, {@link #LIST_USERS}) answer {@code status}. */
    public void failNext(String endpoint, int count, int status) {
        faults.failNext(Objects.requireNonNull(endpoint), count, status);
    }

    /** The next {@code count} requests are answered only after {@code delay} (client timeout simulation). */
    public void delayNext(int count, Duration delay) {
        faults.delayNext(null, count, delay);
    }

    public void delayNext(String endpoint, int count, Duration delay) {
        faults.delayNext(Objects.requireNonNull(endpoint), count, delay);
    }

    public void clearFaults() {
        faults.clear();
    }

    // ================================================================ counters

    /** Requests received for one endpoint key (all outcomes: served, refused, throttled, faulted). */
    public long requestCount(String endpoint) {
        LongAdder a = endpointCounts.get(endpoint);
        return a == null ? 0 : a.sum();
    }

    /** All endpoint counters, sorted by key. */
    public Map<String, Long> requestCounts() {
        Map<String, Long> m = new TreeMap<>();
        endpointCounts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Authenticated API requests that reached the rate limiter in one category. */
    public long requestCount(RateLimitCategory category) {
        return categoryCounts.get(category).sum();
    }

    /** Requests answered 429 in one category. */
    public long throttledCount(RateLimitCategory category) {
        return throttledCounts.get(category).sum();
    }

    /** The most requests one account sent in one category within any one window (second), throttled ones included. */
    public int maxObservedRate(String accountId, RateLimitCategory category) {
        return limiter.maxAttemptsPerWindow(accountId, category);
    }

    /** The most requests admitted (not throttled) within any one window; never above the limit. */
    public int maxAdmittedRate(String accountId, RateLimitCategory category) {
        return limiter.maxAdmittedPerWindow(accountId, category);
    }

    public long injectedFaults() {
        return faults.injected();
    }

    /** Clears request counters and rate windows (limits and faults stay). */
    public void resetCounters() {
        endpointCounts.clear();
        categoryCounts.values().forEach(LongAdder::reset);
        throttledCounts.values().forEach(LongAdder::reset);
        limiter.reset();
    }

    // ================================================================ HTTP pipeline

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/oauth/")) {
                String key = method + " " + path;
                boolean known = key.equals(TOKEN) || key.equals(AUTHORIZE) || key.equals(REVOKE);
                String counted = known ? key : UNKNOWN;
                count(counted);
                if (fault(exchange, counted)) {
                    return;
                }
                oauth.handle(exchange, path);
            } else if (path.equals("/v2") || path.startsWith("/v2/")) {
                api(exchange, method, path.substring(3));
            } else {
                count(UNKNOWN);
                byte[] ignored = Http.readBody(exchange);
                Http.sendJson(exchange, 404, ApiError.unknownEndpoint().body());
            }
        } catch (IOException e) {
            LOG.debugf("Zoom simulator: exchange ended early: %s", e.toString());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Zoom simulator: unexpected failure on %s", exchange.getRequestURI());
            try {
                Http.sendJson(exchange, 500, Map.of("code", 500, "message", "Internal Error."));
            } catch (IOException | RuntimeException ignored) {
                // headers may be gone already
            }
        }
    }

    private void api(HttpExchange exchange, String method, String path) throws IOException {
        ZoomApi.Match match = ZoomApi.match(method, path.isEmpty() ? "/" : path);
        String key = match == null ? UNKNOWN : match.route().key();
        count(key);
        byte[] body = Http.readBody(exchange);
        if (fault(exchange, key)) {
            return;
        }
        if (match == null) {
            Http.sendJson(exchange, 404, ApiError.unknownEndpoint().body());
            return;
        }
        OAuthServer.AccessToken token;
        try {
            token = oauth.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        } catch (ApiError e) {
            Http.sendJson(exchange, e.status, e.body());
            return;
        }
        ZoomAccount account = accounts.get(token.accountId());
        ZoomApi.Route route = match.route();
        if (route.scopes().stream().noneMatch(token.scopes()::contains)) {
            ApiError e = new ApiError(400, 4711,
                    "Invalid access token, does not contain scopes:[" + String.join(", ", route.scopes()) + "].");
            Http.sendJson(exchange, e.status, e.body());
            return;
        }
        RateLimiter.Decision d = limiter.acquire(account.id, route.category());
        categoryCounts.get(route.category()).increment();
        if (d.limit() > 0) {
            var h = exchange.getResponseHeaders();
            h.set("X-RateLimit-Category", route.category().headerValue());
            h.set("X-RateLimit-Type", route.category().window().getSeconds() == 1 ? "QPS" : "QPM");
            h.set("X-RateLimit-Limit", String.valueOf(d.limit()));
            h.set("X-RateLimit-Remaining", String.valueOf(d.remaining()));
        }
        if (!d.allowed()) {
            throttledCounts.get(route.category()).increment();
            if (retryAfterOnPerSecondLimit || route.category().window().getSeconds() != 1) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(d.retryAfterSeconds()));
            }
            String per = route.category().window().getSeconds() == 1 ? "per-second" : "per-minute";
            Http.sendJson(exchange, 429, new ApiError(429, 429,
                    "You have reached the maximum " + per + " rate limit for this API. Try again later.").body());
            return;
        }
        ZoomApi.Response response;
        try {
            response = api.handle(match, account, token, Http.query(exchange), body);
        } catch (ApiError e) {
            Http.sendJson(exchange, e.status, e.body());
            return;
        }
        Http.sendJson(exchange, response.status(), response.body());
    }

    /** Applies injected faults; true when the request was answered by one. */
    private boolean fault(HttpExchange exchange, String key) throws IOException {
        Faults.Verdict v = faults.take(key);
        if (v == Faults.Verdict.NONE) {
            return false;
        }
        if (!v.delay().isZero()) {
            try {
                Thread.sleep(v.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        if (v.failStatus() != 0) {
            Http.sendJson(exchange, v.failStatus(), Map.of("code", v.failStatus(), "message", reason(v.failStatus())));
            return true;
        }
        return false;
    }

    private static String reason(int status) {
        return switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }

    private void count(String key) {
        endpointCounts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private ZoomAccount account(String accountId) {
        ZoomAccount a = accounts.get(accountId);
        if (a == null) {
            throw new IllegalArgumentException("unknown Zoom account " + accountId + " (createAccount first)");
        }
        return a;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    // ================================================================ standalone (local stack)

    /**
     * Runs a simulator until the process is stopped. Options: {@code --port=N} (default: free port),
     * {@code --account=ID}, {@code --client-id=ID}, {@code --client-secret=S}, {@code --users=N},
     * {@code --email-pattern=user%d@example.com}.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> o = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("options are --name=value: " + a);
            }
            o.put(a.substring(2, eq), a.substring(eq + 1));
        }
        String account = o.getOrDefault("account", "local-account");
        ZoomSimulator sim = new ZoomSimulator().createAccount(account);
        int users = Integer.parseInt(o.getOrDefault("users", "0"));
        if (users > 0) {
            sim.addUsers(account, users, o.getOrDefault("email-pattern", "user%d@example.com"));
        }
        sim.registerClient(o.getOrDefault("client-id", "local-client"), o.getOrDefault("client-secret", "local-secret"),
                account);
        sim.start(Integer.parseInt(o.getOrDefault("port", "0")));
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "zoom-sim-stop"));
        System.out.println("ZOOM_API_URL=" + sim.baseUrl());
        System.out.println("ZOOM_OAUTH_URL=" + sim.oauthUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
