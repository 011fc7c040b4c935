package dev.openpsi.testkit.zoom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;

/**
 * Zoom's OAuth 2.0 authorization server ({@code https://zoom.us/oauth/...}) as the public docs describe it
 * (developers.zoom.us/docs/integrations/oauth, "Request an access token", "Refresh an access token";
 * developers.zoom.us/docs/internal-apps/s2s-oauth, "Generate access token"):
 * <ul>
 * <li>{@code POST /oauth/token}, parameters in the query string or an {@code x-www-form-urlencoded} body,
 * client authenticated with HTTP Basic {@code client_id:client_secret} (or {@code client_id}/{@code client_secret}
 * parameters);</li>
 * <li>{@code grant_type=authorization_code} ({@code code}, {@code redirect_uri}; codes are single-use and live
 * 5 minutes), {@code refresh_token} (rotation: every refresh returns a new refresh token and the used one is
 * dead - a reused one answers {@code 400 {"reason":"Invalid Token!","error":"invalid_grant"}}) and
 * {@code account_credentials} ({@code account_id}; Server-to-Server OAuth, no refresh token);</li>
 * <li>access tokens live one hour ({@code expires_in}); {@code GET /oauth/authorize} auto-approves and
 * redirects with a code; {@code POST /oauth/revoke} revokes a token's grant.</li>
 * </ul>
 * Error bodies have Zoom's OAuth shape {@code {"reason": ..., "error": ...}}.
 */
final class OAuthServer {

    record Client(String clientId, String secret, String accountId, Set<String> scopes) {
    }

    /** {@code userId} null: the token acts as the account owner (Server-to-Server tokens, owner consent). */
    record AccessToken(String token, String grantId, String clientId, String accountId, String userId,
            Set<String> scopes, long expiresAtMillis) {
    }

    private record RefreshToken(String token, String grantId, String clientId, String accountId, String userId,
            Set<String> scopes, long expiresAtMillis) {
    }

    private record Code(String code, String clientId, String accountId, String userId, String redirectUri,
            long expiresAtMillis) {
    }

    /** A refusal with Zoom's OAuth error body. */
    static final class OAuthError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String error;

        OAuthError(int status, String error, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.error = error;
        }

        Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("reason", getMessage());
            b.put("error", error);
            return b;
        }
    }

    private final Clock clock;
    private final Function<String, ZoomAccount> accounts;
    private final Supplier<String> apiUrl;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();

    volatile Duration accessTokenLifetime = Duration.ofHours(1);
    volatile Duration refreshTokenLifetime = Duration.ofDays(90);
    volatile Duration codeLifetime = Duration.ofMinutes(5);
    /** The {@code error} of a refused refresh token; live Zoom answers {@code invalid_grant} (older reports: invalid_request). */
    volatile String refusedRefreshError = "invalid_grant";

    OAuthServer(Clock clock, Function<String, ZoomAccount> accounts, Supplier<String> apiUrl) {
        this.clock = clock;
        this.accounts = accounts;
        this.apiUrl = apiUrl;
    }

    // ---------------------------------------------------------------- seeding

    void register(Client client) {
        clients.put(client.clientId(), client);
    }

    String issueCode(String clientId, String redirectUri, String userIdOrEmail) {
        Client client = clients.get(clientId);
        if (client == null) {
            throw new IllegalArgumentException("unknown client " + clientId);
        }
        ZoomAccount account = accounts.apply(client.accountId());
        String userId = null; // null: whoever owns the account when the token is used
        if (userIdOrEmail != null) {
            ZoomUser u = account.user(userIdOrEmail);
            if (u == null) {
                throw new IllegalArgumentException("no user " + userIdOrEmail + " in account " + account.id);
            }
            userId = u.id();
        }
        String code = Http.secureToken(24);
        codes.put(code, new Code(code, clientId, client.accountId(), userId, redirectUri,
                clock.millis() + codeLifetime.toMillis()));
        return code;
    }

    int revokeRefreshTokens(String accountId) {
        int before = refreshTokens.size();
        refreshTokens.values().removeIf(r -> r.accountId().equals(accountId));
        return before - refreshTokens.size();
    }

    boolean revokeRefreshToken(String token) {
        return refreshTokens.remove(token) != null;
    }

    int revokeAccessTokens(String accountId) {
        int before = accessTokens.size();
        accessTokens.values().removeIf(a -> a.accountId().equals(accountId));
        return before - accessTokens.size();
    }

    // ---------------------------------------------------------------- API authentication

    /** The live access token behind an {@code Authorization: Bearer} header, or Zoom's code-124 error. */
    AccessToken authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.invalidToken();
        }
        String token = authorization.substring(7).trim();
        AccessToken at = accessTokens.get(token);
        if (at == null) {
            throw ApiError.invalidToken();
        }
        if (clock.millis() >= at.expiresAtMillis()) {
            throw ApiError.expiredToken();
        }
        return at;
    }

    // ---------------------------------------------------------------- HTTP

    /** Answers {@code /oauth/token}, {@code /oauth/authorize} and {@code /oauth/revoke}. */
    void handle(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        try {
            if (path.equals("/oauth/authorize") && method.equals("GET")) {
                authorize(exchange);
                return;
            }
            Map<String, String> params = Http.query(exchange);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] raw = Http.readBody(exchange);
            if (raw.length > 0 && (contentType == null || contentType.startsWith("application/x-www-form-urlencoded"))) {
                params.putAll(Http.decodeForm(new String(raw, StandardCharsets.UTF_8)));
            }
            if (path.equals("/oauth/token") && method.equals("POST")) {
                Http.sendJson(exchange, 200, token(exchange, params));
            } else if (path.equals("/oauth/revoke") && method.equals("POST")) {
                client(exchange, params);
                revoke(params.get("token"));
                Http.sendJson(exchange, 200, Map.of("status", "success"));
            } else {
                Http.sendJson(exchange, 404, new OAuthError(404, "invalid_request", "Not found.").body());
            }
        } catch (OAuthError e) {
            Http.sendJson(exchange, e.status, e.body());
        }
    }

    private Map<String, Object> token(HttpExchange exchange, Map<String, String> params) {
        Client client = client(exchange, params);
        String grantType = params.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            throw new OAuthError(400, "invalid_request", "Missing grant type.");
        }
        return switch (grantType) {
            case "authorization_code" -> exchangeCode(client, params);
            case "refresh_token" -> refresh(client, params.get("refresh_token"));
            case "account_credentials" -> accountCredentials(client, params.get("account_id"));
            default -> throw new OAuthError(400, "unsupported_grant_type", "Unsupported grant type: " + grantType);
        };
    }

    private Client client(HttpExchange exchange, Map<String, String> params) {
        String id = params.get("client_id");
        String secret = params.get("client_secret");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new OAuthError(401, "invalid_client", "Invalid client_id or client_secret");
            }
            int colon = decoded.indexOf(':');
            id = colon < 0 ? decoded : decoded.substring(0, colon);
            secret = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        if (id == null || id.isEmpty() || secret == null) {
            throw new OAuthError(400, "invalid_request", "Client ID or client secret is missing.");
        }
        Client c = clients.get(id);
        if (c == null || !c.secret().equals(secret)) {
            throw new OAuthError(401, "invalid_client", "Invalid client_id or client_secret");
        }
        return c;
    }

    private Map<String, Object> exchangeCode(Client client, Map<String, String> params) {
        String code = params.get("code");
        Code c = code == null ? null : codes.get(code);
        if (c == null || !c.clientId().equals(client.clientId()) || clock.millis() >= c.expiresAtMillis()) {
            throw new OAuthError(400, "invalid_grant", "Invalid authorization code " + (code == null ? "" : code));
        }
        if (c.redirectUri() != null && !c.redirectUri().equals(params.get("redirect_uri"))) {
            throw new OAuthError(400, "invalid_request", "Redirect URI mismatch.");
        }
        if (codes.remove(code) == null) { // single use, also under concurrent exchanges
            throw new OAuthError(400, "invalid_grant", "Invalid authorization code " + code);
        }
        String grantId = Http.secureToken(12);
        return issuePair(grantId, client, c.accountId(), c.userId());
    }

    private Map<String, Object> refresh(Client client, String token) {
        RefreshToken rt = token == null ? null : refreshTokens.get(token);
        if (rt == null || !rt.clientId().equals(client.clientId()) || clock.millis() >= rt.expiresAtMillis()
                || refreshTokens.remove(token) == null) {
            throw new OAuthError(400, refusedRefreshError, "Invalid Token!");
        }
        return issuePair(rt.grantId(), client, rt.accountId(), rt.userId());
    }

    private Map<String, Object> accountCredentials(Client client, String accountId) {
        if (accountId == null || accountId.isEmpty()) {
            throw new OAuthError(400, "invalid_request", "Missing account_id.");
        }
        if (!accountId.equals(client.accountId())) {
            throw new OAuthError(400, "invalid_request", "Invalid account_id: " + accountId);
        }
        AccessToken at = newAccessToken(null, client, accountId, null); // "me": the account owner
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", at.token());
        body.put("token_type", "bearer");
        body.put("expires_in", accessTokenLifetime.toSeconds());
        body.put("scope", String.join(" ", client.scopes()));
        body.put("api_url", apiUrl.get());
        return body;
    }

    private Map<String, Object> issuePair(String grantId, Client client, String accountId, String userId) {
        AccessToken at = newAccessToken(grantId, client, accountId, userId);
        String refresh = Http.secureToken(32);
        refreshTokens.put(refresh, new RefreshToken(refresh, grantId, client.clientId(), accountId, userId,
                client.scopes(), clock.millis() + refreshTokenLifetime.toMillis()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", at.token());
        body.put("token_type", "bearer");
        body.put("refresh_token", refresh);
        body.put("expires_in", accessTokenLifetime.toSeconds());
        body.put("scope", String.join(" ", client.scopes()));
        body.put("api_url", apiUrl.get());
        return body;
    }

    private AccessToken newAccessToken(String grantId, Client client, String accountId, String userId) {
        long now = clock.millis();
        if (accessTokens.size() > 10_000) {
            accessTokens.values().removeIf(a -> now >= a.expiresAtMillis());
        }
        String token = Http.secureToken(48);
        AccessToken at = new AccessToken(token, grantId, client.clientId(), accountId, userId, client.scopes(),
                now + accessTokenLifetime.toMillis());
        accessTokens.put(token, at);
        return at;
    }

    private void revoke(String token) {
        if (token == null) {
            throw new OAuthError(400, "invalid_request", "Token cannot be empty.");
        }
        String grantId = null;
        AccessToken at = accessTokens.remove(token);
        if (at != null) {
            grantId = at.grantId();
        }
        RefreshToken rt = refreshTokens.remove(token);
        if (rt != null) {
            grantId = rt.grantId();
        }
        if (grantId != null) {
            String g = grantId;
            accessTokens.values().removeIf(a -> g.equals(a.grantId()));
            refreshTokens.values().removeIf(r -> g.equals(r.grantId()));
        }
    }

    /** Consent screen stand-in: approves at once and redirects to {@code redirect_uri?code=...&state=...}. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = Http.query(exchange);
        Client c = clients.get(q.getOrDefault("client_id", ""));
        String redirect = q.get("redirect_uri");
        if (c == null || redirect == null || redirect.isEmpty() || !"code".equals(q.get("response_type"))) {
            Http.sendText(exchange, 400, "Invalid client_id, redirect_uri or response_type");
            return;
        }
        String code = issueCode(c.clientId(), redirect, null);
        StringBuilder location = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?')
                .append("code=").append(java.net.URLEncoder.encode(code, StandardCharsets.UTF_8));
        String state = q.get("state");
        if (state != null) {
            location.append("&state=").append(java.net.URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }
}
