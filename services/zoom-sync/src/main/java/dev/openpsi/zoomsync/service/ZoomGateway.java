package dev.openpsi.zoomsync.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.openpsi.zoomsync.client.RateCategory;
import dev.openpsi.zoomsync.client.ZoomApiException;
import dev.openpsi.zoomsync.client.ZoomHttpClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * The Zoom endpoints zoom-sync uses, for one account: the account's token (refreshed as needed,
 * never once OAuth has failed), the endpoint's rate-limit category, one retry with a new token
 * when Zoom answers 401 code 124 (token revoked or expired early).
 */
@ApplicationScoped
public class ZoomGateway {

    private final ZoomConnections connections;
    private final ZoomHttpClient http;

    public ZoomGateway(ZoomConnections connections, ZoomHttpClient http) {
        this.connections = connections;
        this.http = http;
    }

    /** {@code GET /sip_phones/phones}: MEDIUM. */
    public Uni<JsonObject> listSipPhones(String account, String searchKey, String pageToken, int pageSize) {
        return listSipPhones(account, searchKey, pageToken, pageSize, 0);
    }

    /** {@code GET /users}: MEDIUM; {@code priority} orders the listing's requests against others of the account. */
    public Uni<JsonObject> listUsers(String account, String status, String pageToken, int pageSize, int priority) {
        return call(account, HttpMethod.GET, "/users", "/users", query("status", status, "page_size", pageSize, pageToken),
                null, RateCategory.MEDIUM, priority);
    }

    /** The spacing of the rate limit's slots of {@code category} for one account. */
    public java.time.Duration interval(RateCategory category) {
        return http.interval(category);
    }

    /** {@code GET /users/{userId}} by email: LIGHT; 404 code 1001 when there is no such user. */
    public Uni<JsonObject> getUser(String account, String email) {
        return call(account, HttpMethod.GET, "/users/" + encode(email), "/users/{userId}", null, null, RateCategory.LIGHT);
    }

    /** {@code GET /sip_phones/phones}: MEDIUM, with a priority among the account's waiting requests. */
    public Uni<JsonObject> listSipPhones(String account, String searchKey, String pageToken, int pageSize, int priority) {
        return call(account, HttpMethod.GET, "/sip_phones/phones", "/sip_phones/phones",
                query("search_key", searchKey, "page_size", pageSize, pageToken), null, RateCategory.MEDIUM, priority);
    }

    /** {@code POST /sip_phones/phones}: LIGHT; 400 code 300 when the user_email has one already. */
    public Uni<JsonObject> createSipPhone(String account, JsonObject phone) {
        return call(account, HttpMethod.POST, "/sip_phones/phones", "/sip_phones/phones", null, phone, RateCategory.LIGHT);
    }

    /** {@code PATCH /sip_phones/phones/{phoneId}}: LIGHT; 404 code 2305 when it does not exist. */
    public Uni<JsonObject> updateSipPhone(String account, String phoneId, JsonObject changes) {
        return call(account, HttpMethod.PATCH, "/sip_phones/phones/" + encode(phoneId), "/sip_phones/phones/{phoneId}", null,
                changes, RateCategory.LIGHT);
    }

    /** {@code DELETE /sip_phones/phones/{phoneId}}: LIGHT. */
    public Uni<JsonObject> deleteSipPhone(String account, String phoneId) {
        return call(account, HttpMethod.DELETE, "/sip_phones/phones/" + encode(phoneId), "/sip_phones/phones/{phoneId}", null,
                null, RateCategory.LIGHT);
    }

    private Uni<JsonObject> call(String account, HttpMethod method, String path, String template, Map<String, String> query,
            JsonObject body, RateCategory category) {
        return call(account, method, path, template, query, body, category, 0);
    }

    private Uni<JsonObject> call(String account, HttpMethod method, String path, String template, Map<String, String> query,
            JsonObject body, RateCategory category, int priority) {
        ZoomHttpClient.Call call = new ZoomHttpClient.Call(account, method, path, template, query, body, category, priority);
        String label = method.name() + " " + template.replace("/{userId}", "").replace("/{phoneId}", "");
        return http.api(call, connections.accessToken(account, label))
                .onFailure(e -> e instanceof ZoomApiException z && z.status() == 401 && z.code() == 124)
                .recoverWithUni(e -> connections.expireAccessToken(account)
                        .chain(() -> connections.accessToken(account, label))
                        .chain(token -> http.api(call, token)));
    }

    private static Map<String, String> query(String key, String value, String sizeKey, int size, String pageToken) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        if (value != null) {
            q.put(key, value);
        }
        q.put(sizeKey, String.valueOf(size));
        if (pageToken != null && !pageToken.isEmpty()) {
            q.put("next_page_token", pageToken);
        }
        return q;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
