package dev.openpsi.testkit.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Minimal Keycloak admin REST client for tests: creates extra clients and users in a realm.
 *
 * <p>Built with the server base URL (e.g. {@code http://127.0.0.1:18180}) and the master realm's
 * bootstrap admin; the admin token comes from the master realm's {@code admin-cli} client and is
 * renewed shortly before it expires. Only the JDK HTTP client and Jackson are used.
 *
 * <p>Creating something that already exists (HTTP 409) is not an error: the existing client or user
 * is brought to the requested state instead. Failures throw {@link IllegalStateException} with the
 * HTTP status and Keycloak's answer; passwords never appear in messages.
 */
public final class KeycloakAdmin {

    /** The client scope of {@code realm-openpsi.json} whose mapper adds {@code openpsi} to {@code aud}. */
    public static final String OPENPSI_AUDIENCE_SCOPE = "openpsi-audience";
    /** The client scope of {@code realm-openpsi.json} whose mapper adds the {@code account} claim. */
    public static final String OPENPSI_ACCOUNT_SCOPE = "openpsi-account";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Renew the admin token this long before its {@code exp} (master admin tokens live 60 s by default). */
    private static final long TOKEN_RENEW_MARGIN_SECONDS = 15;

    private final String serverBaseUrl;
    private final String adminUser;
    private final String adminPassword;
    private final HttpClient http;

    private String adminToken;
    private long adminTokenExpiresAtEpochSecond;

    /**
     * @param serverBaseUrl e.g. {@code http://127.0.0.1:18180} (no {@code /realms/...}; a trailing slash is fine)
     * @param adminUser     master realm admin, e.g. the {@code KC_BOOTSTRAP_ADMIN_USERNAME}
     * @param adminPassword its password
     */
    public KeycloakAdmin(String serverBaseUrl, String adminUser, String adminPassword) {
        this(serverBaseUrl, adminUser, adminPassword,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public KeycloakAdmin(String serverBaseUrl, String adminUser, String adminPassword, HttpClient http) {
        Objects.requireNonNull(serverBaseUrl, "serverBaseUrl");
        this.serverBaseUrl = serverBaseUrl.endsWith("/") ? serverBaseUrl.substring(0, serverBaseUrl.length() - 1)
                : serverBaseUrl;
        this.adminUser = Objects.requireNonNull(adminUser, "adminUser");
        this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** A {@link TokenClient} for one realm of this server. */
    public TokenClient tokenClient(String realm) {
        return new TokenClient(serverBaseUrl + "/realms/" + segment(realm), http);
    }

    // ---------------------------------------------------------------------------------------------
    // clients

    /**
     * Creates (or, if it exists, updates) a public client with direct access grants (password grant),
     * no browser flow and full role scope.
     *
     * @param openpsiAudience            whether the {@value #OPENPSI_AUDIENCE_SCOPE} scope is a default
     *                                   scope of the client (its tokens then carry {@code aud: openpsi});
     *                                   when false it is removed even if the realm made it a default
     * @param accessTokenLifespanSeconds client-specific access token lifespan (attribute
     *                                   {@code access.token.lifespan}); {@code null} = the realm's
     */
    public void createPublicClient(String realm, String clientId, boolean openpsiAudience,
            Integer accessTokenLifespanSeconds) {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(clientId, "clientId");
        if (accessTokenLifespanSeconds != null && accessTokenLifespanSeconds < 1) {
            throw new IllegalArgumentException("accessTokenLifespanSeconds must be >= 1");
        }
        String clients = adminUrl(realm) + "/clients";

        ObjectNode rep = JSON.createObjectNode();
        rep.put("clientId", clientId);
        rep.put("name", clientId);
        rep.put("description", "Test client created by the openpsi testkit");
        rep.put("enabled", true);
        rep.put("protocol", "openid-connect");
        rep.put("publicClient", true);
        rep.put("directAccessGrantsEnabled", true);
        rep.put("standardFlowEnabled", false);
        rep.put("implicitFlowEnabled", false);
        rep.put("serviceAccountsEnabled", false);
        rep.put("fullScopeAllowed", true);
        ObjectNode attributes = rep.putObject("attributes");
        if (accessTokenLifespanSeconds != null) {
            attributes.put("access.token.lifespan", String.valueOf(accessTokenLifespanSeconds));
        }

        HttpResponse<String> created = send("POST", clients, rep);
        String id;
        if (created.statusCode() == 201) {
            id = clientUuid(realm, clientId);
        } else if (created.statusCode() == 409) {
            id = clientUuid(realm, clientId);
            ObjectNode existing = (ObjectNode) readJson(expect(send("GET", clients + "/" + segment(id), null),
                    "GET client " + clientId, 200));
            // keep id, other attributes and the like; overwrite what this method is about
            ObjectNode mergedAttributes = objectOrEmpty(existing.get("attributes"));
            existing.setAll(rep);
            if (accessTokenLifespanSeconds != null) {
                mergedAttributes.put("access.token.lifespan", String.valueOf(accessTokenLifespanSeconds));
            } else {
                // Keycloak merges client attributes on update; an empty value is what removes one
                mergedAttributes.put("access.token.lifespan", "");
            }
            existing.set("attributes", mergedAttributes);
            existing.remove(List.of("defaultClientScopes", "optionalClientScopes"));
            expect(send("PUT", clients + "/" + segment(id), existing), "update client " + clientId, 204);
        } else {
            throw failure("create client " + clientId + " in realm " + realm, created);
        }

        // Default client scopes: realm defaults apply at creation; make the audience scope match the
        // request, and make sure the account claim is there when the realm has that scope.
        Map<String, String> scopeIds = clientScopeIds(realm);
        List<String> current = new ArrayList<>();
        for (JsonNode s : readJson(expect(send("GET", clients + "/" + segment(id) + "/default-client-scopes", null),
                "GET default client scopes of " + clientId, 200))) {
            current.add(s.path("name").asText());
        }
        String audienceScope = scopeIds.get(OPENPSI_AUDIENCE_SCOPE);
        if (openpsiAudience) {
            if (audienceScope == null) {
                throw new IllegalStateException("Realm " + realm + " has no client scope " + OPENPSI_AUDIENCE_SCOPE
                        + " (is realm-openpsi.json imported?)");
            }
            if (!current.contains(OPENPSI_AUDIENCE_SCOPE)) {
                expect(send("PUT", clients + "/" + segment(id) + "/default-client-scopes/" + segment(audienceScope),
                        null), "add scope " + OPENPSI_AUDIENCE_SCOPE + " to " + clientId, 204);
            }
        } else if (current.contains(OPENPSI_AUDIENCE_SCOPE)) {
            expect(send("DELETE", clients + "/" + segment(id) + "/default-client-scopes/" + segment(audienceScope),
                    null), "remove scope " + OPENPSI_AUDIENCE_SCOPE + " from " + clientId, 204);
        }
        String accountScope = scopeIds.get(OPENPSI_ACCOUNT_SCOPE);
        if (accountScope != null && !current.contains(OPENPSI_ACCOUNT_SCOPE)) {
            expect(send("PUT", clients + "/" + segment(id) + "/default-client-scopes/" + segment(accountScope), null),
                    "add scope " + OPENPSI_ACCOUNT_SCOPE + " to " + clientId, 204);
        }
    }

    /**
     * Adds origins to a client's web origins: Keycloak then answers that origin's browser calls
     * (token endpoint CORS), as a deployment registers the URL its browser app is served from.
     */
    public void addWebOrigins(String realm, String clientId, Collection<String> origins) {
        String url = adminUrl(realm) + "/clients/" + segment(clientUuid(realm, clientId));
        ObjectNode client = (ObjectNode) readJson(expect(send("GET", url, null), "GET client " + clientId, 200));
        ArrayNode webOrigins = client.get("webOrigins") instanceof ArrayNode existing ? existing : client.putArray("webOrigins");
        List<String> present = new ArrayList<>();
        webOrigins.forEach(o -> present.add(o.asText()));
        origins.stream().filter(o -> !present.contains(o)).forEach(webOrigins::add);
        expect(send("PUT", url, client), "update web origins of " + clientId, 204);
    }

    private String clientUuid(String realm, String clientId) {
        JsonNode found = readJson(expect(send("GET", adminUrl(realm) + "/clients?clientId=" + query(clientId), null),
                "find client " + clientId, 200));
        for (JsonNode c : found) {
            if (clientId.equals(c.path("clientId").asText())) {
                return c.path("id").asText();
            }
        }
        throw new IllegalStateException("Client " + clientId + " not found in realm " + realm);
    }

    private Map<String, String> clientScopeIds(String realm) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode s : readJson(expect(send("GET", adminUrl(realm) + "/client-scopes", null),
                "list client scopes of realm " + realm, 200))) {
            ids.put(s.path("name").asText(), s.path("id").asText());
        }
        return ids;
    }

    // ---------------------------------------------------------------------------------------------
    // users

    /**
     * Creates (or, if it exists, updates) an enabled user with a non-temporary password, the user
     * attribute {@code account} (skipped when {@code null}) and the given realm roles (added to the
     * realm's default roles; a second call adds roles but never removes any). Keycloak 26 refuses password grants for users whose profile misses a
     * required attribute ("Account is not fully set up"), so email (the username when it contains
     * {@code @}, else {@code <username>@openpsi.test}), first and last name are always filled in and
     * the email is marked verified.
     */
    public void createUser(String realm, String username, String password, String account, List<String> realmRoles) {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        List<String> roles = realmRoles == null ? List.of() : realmRoles;
        String users = adminUrl(realm) + "/users";
        String email = username.contains("@") ? username : username + "@openpsi.test";
        String localPart = email.substring(0, email.indexOf('@'));

        ObjectNode rep = JSON.createObjectNode();
        rep.put("username", username);
        rep.put("enabled", true);
        rep.put("email", email);
        rep.put("emailVerified", true);
        rep.put("firstName", localPart);
        rep.put("lastName", account != null ? account : "test");
        rep.putArray("requiredActions");
        ObjectNode attributes = rep.putObject("attributes");
        if (account != null) {
            attributes.putArray("account").add(account);
        }
        ObjectNode credential = JSON.createObjectNode();
        credential.put("type", "password");
        credential.put("value", password);
        credential.put("temporary", false);

        ObjectNode create = rep.deepCopy();
        create.putArray("credentials").add(credential);
        HttpResponse<String> created = send("POST", users, create);
        String id;
        if (created.statusCode() == 201) {
            id = userId(realm, username);
        } else if (created.statusCode() == 409) {
            id = userId(realm, username);
            ObjectNode existing = (ObjectNode) readJson(expect(send("GET", users + "/" + segment(id), null),
                    "GET user " + username, 200));
            // PUT with the full representation: with the declarative user profile, attributes left out
            // of an update may be removed
            ObjectNode merged = objectOrEmpty(existing.get("attributes"));
            existing.setAll(rep);
            if (account != null) {
                merged.putArray("account").add(account);
            } else {
                merged.remove("account");
            }
            existing.set("attributes", merged);
            existing.remove(List.of("credentials", "access", "userProfileMetadata"));
            expect(send("PUT", users + "/" + segment(id), existing), "update user " + username, 204);
            expect(send("PUT", users + "/" + segment(id) + "/reset-password", credential),
                    "set password of user " + username, 204);
        } else {
            throw failure("create user " + username + " in realm " + realm, created);
        }

        if (!roles.isEmpty()) {
            ArrayNode roleReps = JSON.createArrayNode();
            for (String role : roles) {
                roleReps.add(readJson(expect(send("GET", adminUrl(realm) + "/roles/" + segment(role), null),
                        "GET realm role " + role, 200)));
            }
            expect(send("POST", users + "/" + segment(id) + "/role-mappings/realm", roleReps),
                    "grant realm roles " + roles + " to " + username, 204);
        }
    }

    /**
     * Clears the brute-force state of a user. The openpsi realm has brute-force protection on: two
     * failed logins of one user less than a second apart lock it for 60 s (10 failures: longer), and
     * while locked even the right password answers {@code invalid_grant}. Tests that try wrong
     * passwords should use their own user, or call this afterwards.
     */
    public void clearLoginFailures(String realm, String username) {
        String id = userId(realm, username);
        expect(send("DELETE", adminUrl(realm) + "/attack-detection/brute-force/users/" + segment(id), null),
                "clear login failures of " + username, 204);
    }

    private String userId(String realm, String username) {
        JsonNode found = readJson(expect(send("GET",
                adminUrl(realm) + "/users?exact=true&briefRepresentation=true&username=" + query(username), null),
                "find user " + username, 200));
        for (JsonNode u : found) {
            if (username.equalsIgnoreCase(u.path("username").asText())) {
                return u.path("id").asText();
            }
        }
        throw new IllegalStateException("User " + username + " not found in realm " + realm);
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP plumbing

    private String adminUrl(String realm) {
        return serverBaseUrl + "/admin/realms/" + segment(realm);
    }

    private synchronized String adminToken() {
        long now = System.currentTimeMillis() / 1000;
        if (adminToken == null || now >= adminTokenExpiresAtEpochSecond - TOKEN_RENEW_MARGIN_SECONDS) {
            String token = new TokenClient(serverBaseUrl + "/realms/master", http)
                    .passwordGrant("admin-cli", adminUser, adminPassword);
            Object exp = TokenClient.claims(token).get("exp");
            adminToken = token;
            adminTokenExpiresAtEpochSecond = exp instanceof Number n ? n.longValue() : now + 30;
        }
        return adminToken;
    }

    private HttpResponse<String> send(String method, String url, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + adminToken())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
            try {
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + url, e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, String what, int status) {
        if (response.statusCode() != status) {
            throw failure(what, response);
        }
        return response;
    }

    private static IllegalStateException failure(String what, HttpResponse<String> response) {
        return new IllegalStateException("Keycloak admin: " + what + ": " + response.request().method() + " "
                + response.request().uri() + " answered HTTP " + response.statusCode() + ": " + response.body());
    }

    private static JsonNode readJson(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin: " + response.request().uri() + " did not answer JSON: "
                    + e.getMessage(), e);
        }
    }

    private static ObjectNode objectOrEmpty(JsonNode node) {
        return node instanceof ObjectNode object ? object.deepCopy() : JSON.createObjectNode();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
