package dev.openpsi.testkit.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Obtains access tokens from one Keycloak realm's token endpoint, for tests and the CLI's dev flows.
 *
 * <p>Built with the realm base URL, e.g. {@code http://127.0.0.1:18180/realms/openpsi}. Only the JDK
 * HTTP client and Jackson are used. Failed token requests throw {@link IllegalStateException} with
 * the HTTP status and Keycloak's answer body; passwords and client secrets never appear in messages.
 *
 * <p>{@link #claims(String)} decodes a token's payload <em>without verifying it</em>: it is meant for
 * test assertions, never for authorisation decisions.
 */
public final class TokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String realmBaseUrl;
    private final URI tokenEndpoint;
    private final HttpClient http;

    /** @param realmBaseUrl e.g. {@code http://127.0.0.1:18180/realms/openpsi} (a trailing slash is fine) */
    public TokenClient(String realmBaseUrl) {
        this(realmBaseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public TokenClient(String realmBaseUrl, HttpClient http) {
        Objects.requireNonNull(realmBaseUrl, "realmBaseUrl");
        this.realmBaseUrl = realmBaseUrl.endsWith("/") ? realmBaseUrl.substring(0, realmBaseUrl.length() - 1)
                : realmBaseUrl;
        this.tokenEndpoint = URI.create(this.realmBaseUrl + "/protocol/openid-connect/token");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The realm base URL this client was built with, without trailing slash; equals the tokens' {@code iss}. */
    public String realmBaseUrl() {
        return realmBaseUrl;
    }

    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /**
     * Resource-owner password grant through a public client (e.g. {@code openpsi-cli}).
     *
     * @return the raw access token (a JWT)
     */
    public String passwordGrant(String clientId, String username, String password) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        return requestAccessToken(form, "grant_type=password client_id=" + clientId + " username=" + username);
    }

    /**
     * Client-credentials grant of a confidential client with service account (e.g. {@code osv-adapter}).
     *
     * @return the raw access token (a JWT)
     */
    public String clientCredentials(String clientId, String secret) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return requestAccessToken(form, "grant_type=client_credentials client_id=" + clientId);
    }

    private String requestAccessToken(Map<String, String> form, String what) {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Token request (" + what + ") to " + tokenEndpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during token request (" + what + ") to " + tokenEndpoint, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token request (" + what + ") to " + tokenEndpoint + " answered HTTP "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            JsonNode token = JSON.readTree(response.body()).path("access_token");
            if (!token.isTextual() || token.asText().isEmpty()) {
                throw new IllegalStateException("Token response (" + what + ") from " + tokenEndpoint
                        + " has no access_token");
            }
            return token.asText();
        } catch (IOException e) {
            throw new IllegalStateException("Token response (" + what + ") from " + tokenEndpoint
                    + " is not JSON: " + e.getMessage(), e);
        }
    }

    static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Decodes the payload of a JWT (base64url JSON) WITHOUT verifying its signature, for test
     * assertions. Numbers come back as {@link Integer}/{@link Long} (use {@code ((Number) v).longValue()}),
     * objects as maps and arrays as lists. Note that {@code aud} is a string when it has one value and a
     * list otherwise; see {@link #audiences(Map)}.
     */
    public static Map<String, Object> claims(String jwt) {
        Objects.requireNonNull(jwt, "jwt");
        String[] parts = jwt.split("\\.", -1);
        if (parts.length < 2 || parts[1].isEmpty()) {
            throw new IllegalArgumentException("Not a JWT (expected header.payload.signature)");
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            return JSON.readValue(payload, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("JWT payload is not base64url-encoded JSON: " + e.getMessage(), e);
        }
    }

    /** The {@code aud} claim as a list, whether the token carries it as a string, a list or not at all. */
    public static List<String> audiences(Map<String, Object> claims) {
        return stringList(claims.get("aud"));
    }

    /** {@code realm_access.roles} as a list (empty when absent). */
    public static List<String> realmRoles(Map<String, Object> claims) {
        Object realmAccess = claims.get("realm_access");
        if (realmAccess instanceof Map<?, ?> map) {
            return stringList(map.get("roles"));
        }
        return List.of();
    }

    private static List<String> stringList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
