package dev.openpsi.testkit.zoom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpsi.testkit.zoom.ZoomHttp.Res;

class ZoomOAuthTest {

    private static final String ACCOUNT = "acc-oauth";
    private static final String CLIENT = "client-1";
    private static final String SECRET = "s3cret";
    private static final String REDIRECT = "https://openpsi.example/zoom/callback";

    private final AdjustableClock clock = new AdjustableClock();
    private ZoomSimulator sim;
    private ZoomHttp http;

    @BeforeEach
    void start() {
        sim = new ZoomSimulator(clock).start();
        sim.createAccount(ACCOUNT);
        sim.addUser(ACCOUNT, "admin@example.com", "Ada", "Admin");
        sim.registerClient(CLIENT, SECRET, ACCOUNT);
        http = new ZoomHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Res exchange(String code) throws Exception {
        return http.token(CLIENT, SECRET, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT));
    }

    private Res refresh(String refreshToken) throws Exception {
        return http.token(CLIENT, SECRET, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    @Test
    void authorizationCodeExchangeGivesTokensTheApiAcceptsAndTheCodeIsSingleUse() throws Exception {
        String code = sim.issueAuthorizationCode(CLIENT, REDIRECT);
        Res r = exchange(code);
        assertEquals(200, r.status(), r.toString());
        assertEquals("bearer", r.json().get("token_type").asText());
        assertEquals(3600, r.json().get("expires_in").asInt());
        assertFalse(r.json().get("refresh_token").asText().isEmpty());
        assertEquals(sim.rootUrl(), r.json().get("api_url").asText());
        assertTrue(r.json().get("scope").asText().contains("sip_phone:write:admin"));

        Res me = http.get(r.json().get("access_token").asText(), "/users/me");
        assertEquals(200, me.status(), me.toString());
        assertEquals("admin@example.com", me.json().get("email").asText());
        assertEquals(ACCOUNT, me.json().get("account_id").asText());

        Res again = exchange(code);
        assertEquals(400, again.status());
        assertEquals("invalid_grant", again.json().get("error").asText());
        assertTrue(again.json().get("reason").asText().startsWith("Invalid authorization code"));
    }

    @Test
    void codeExchangeWithAnotherRedirectUriIsRefused() throws Exception {
        Res r = http.token(CLIENT, SECRET, Map.of("grant_type", "authorization_code",
                "code", sim.issueAuthorizationCode(CLIENT, REDIRECT), "redirect_uri", "https://evil.example/cb"));
        assertEquals(400, r.status());
        assertEquals("invalid_request", r.json().get("error").asText());
        assertEquals("Redirect URI mismatch.", r.json().get("reason").asText());
    }

    @Test
    void everyRefreshRotatesTheRefreshTokenAndTheUsedOneIsRefused() throws Exception {
        Res first = exchange(sim.issueAuthorizationCode(CLIENT, REDIRECT));
        String r1 = first.json().get("refresh_token").asText();

        Res second = refresh(r1);
        assertEquals(200, second.status(), second.toString());
        String r2 = second.json().get("refresh_token").asText();
        assertNotEquals(r1, r2);
        assertNotEquals(first.json().get("access_token").asText(), second.json().get("access_token").asText());
        assertEquals(200, http.get(second.json().get("access_token").asText(), "/users").status());

        Res reused = refresh(r1);
        assertEquals(400, reused.status());
        assertEquals("Invalid Token!", reused.json().get("reason").asText());
        assertEquals("invalid_grant", reused.json().get("error").asText());

        Res third = refresh(r2);
        assertEquals(200, third.status(), third.toString());
        assertNotEquals(r2, third.json().get("refresh_token").asText());
    }

    @Test
    void revokedGrantRefusesRefreshWithZoomsBody() throws Exception {
        String r1 = exchange(sim.issueAuthorizationCode(CLIENT, REDIRECT)).json().get("refresh_token").asText();
        assertEquals(1, sim.revokeRefreshTokens(ACCOUNT));
        Res r = refresh(r1);
        assertEquals(400, r.status());
        assertEquals("{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}", r.raw().body());
    }

    @Test
    void serverToServerAccountCredentialsGrantHasNoRefreshToken() throws Exception {
        Res r = http.token(CLIENT, SECRET, Map.of("grant_type", "account_credentials", "account_id", ACCOUNT));
        assertEquals(200, r.status(), r.toString());
        assertFalse(r.json().has("refresh_token"));
        assertEquals(3600, r.json().get("expires_in").asInt());
        assertEquals(200, http.get(r.json().get("access_token").asText(), "/users/me").status());

        Res wrongAccount = http.token(CLIENT, SECRET, Map.of("grant_type", "account_credentials",
                "account_id", "someone-else"));
        assertEquals(400, wrongAccount.status());
        assertEquals("invalid_request", wrongAccount.json().get("error").asText());
    }

    @Test
    void parametersInTheQueryStringAndClientCredentialsInTheBodyAreAccepted() throws Exception {
        String q = ZoomHttp.form(Map.of("grant_type", "account_credentials", "account_id", ACCOUNT));
        Res inQuery = http.send(HttpRequest.newBuilder(URI.create(sim.oauthUrl() + "/token?" + q))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, inQuery.status(), inQuery.toString());

        Res inBody = http.send(HttpRequest.newBuilder(URI.create(sim.oauthUrl() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ZoomHttp.form(Map.of("grant_type", "account_credentials",
                        "account_id", ACCOUNT, "client_id", CLIENT, "client_secret", SECRET))))
                .build());
        assertEquals(200, inBody.status(), inBody.toString());
    }

    @Test
    void badClientSecretIsInvalidClient() throws Exception {
        Res r = http.token(CLIENT, "wrong", Map.of("grant_type", "account_credentials", "account_id", ACCOUNT));
        assertEquals(401, r.status());
        assertEquals("invalid_client", r.json().get("error").asText());
        assertEquals("Invalid client_id or client_secret", r.json().get("reason").asText());

        Res unknown = http.token("nobody", SECRET, Map.of("grant_type", "account_credentials", "account_id", ACCOUNT));
        assertEquals(401, unknown.status());
    }

    @Test
    void unsupportedGrantTypeIsRefused() throws Exception {
        Res r = http.token(CLIENT, SECRET, Map.of("grant_type", "password"));
        assertEquals(400, r.status());
        assertEquals("unsupported_grant_type", r.json().get("error").asText());
    }

    @Test
    void expiredMissingAndRevokedAccessTokensAnswerCode124() throws Exception {
        String token = http.s2sToken(CLIENT, SECRET, ACCOUNT);
        clock.advance(Duration.ofMinutes(59));
        assertEquals(200, http.get(token, "/users").status());
        clock.advance(Duration.ofMinutes(1));
        Res expired = http.get(token, "/users");
        assertEquals(401, expired.status());
        assertEquals(124, expired.json().get("code").asInt());
        assertEquals("Access token is expired.", expired.json().get("message").asText());

        Res missing = http.get(null, "/users");
        assertEquals(401, missing.status());
        assertEquals("{\"code\":124,\"message\":\"Invalid access token.\"}", missing.raw().body());

        String fresh = http.s2sToken(CLIENT, SECRET, ACCOUNT);
        sim.revokeAccessTokens(ACCOUNT);
        assertEquals(124, http.get(fresh, "/users").json().get("code").asInt());
    }

    @Test
    void configurableAccessTokenLifetime() throws Exception {
        sim.accessTokenLifetime(Duration.ofSeconds(30));
        Res r = http.token(CLIENT, SECRET, Map.of("grant_type", "account_credentials", "account_id", ACCOUNT));
        assertEquals(30, r.json().get("expires_in").asInt());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(401, http.get(r.json().get("access_token").asText(), "/users").status());
    }

    @Test
    void tokensWithoutTheEndpointsScopeAnswer4711() throws Exception {
        sim.registerClient("reader", "pw", ACCOUNT, List.of("user:read:admin"));
        String token = http.s2sToken("reader", "pw", ACCOUNT);
        assertEquals(200, http.get(token, "/users").status());
        Res r = http.get(token, "/sip_phones/phones");
        assertEquals(400, r.status());
        assertEquals(4711, r.json().get("code").asInt());
        assertTrue(r.json().get("message").asText().startsWith("Invalid access token, does not contain scopes:["));
    }

    @Test
    void authorizeRedirectsBackWithCodeAndState() throws Exception {
        String url = sim.oauthUrl() + "/authorize?response_type=code&client_id=" + CLIENT + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=xyz";
        Res r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertEquals(302, r.status());
        String location = r.header("Location");
        assertTrue(location.startsWith(REDIRECT + "?code="), location);
        assertTrue(location.endsWith("&state=xyz"), location);
        String code = java.net.URLDecoder.decode(location.substring(location.indexOf("code=") + 5,
                location.indexOf("&state")), StandardCharsets.UTF_8);
        assertEquals(200, exchange(code).status());
    }

    @Test
    void revokingATokenRevokesItsWholeGrant() throws Exception {
        Res tokens = exchange(sim.issueAuthorizationCode(CLIENT, REDIRECT));
        String access = tokens.json().get("access_token").asText();
        Res revoke = http.send(HttpRequest.newBuilder(URI.create(sim.oauthUrl() + "/revoke"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + access)).build());
        assertEquals(200, revoke.status(), revoke.toString());
        assertEquals(401, http.get(access, "/users").status());
        assertEquals(400, refresh(tokens.json().get("refresh_token").asText()).status());
    }

    @Test
    void authorizationCodesExpireAfterFiveMinutes() throws Exception {
        String code = sim.issueAuthorizationCode(CLIENT, REDIRECT);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(400, exchange(code).status());
    }
}
