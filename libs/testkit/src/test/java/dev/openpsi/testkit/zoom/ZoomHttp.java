package dev.openpsi.testkit.zoom;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A tiny real-HTTP client for the simulator tests (java.net.http). */
final class ZoomHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    record Res(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final ZoomSimulator sim;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ZoomHttp(ZoomSimulator sim) {
        this.sim = sim;
    }

    Res get(String token, String pathAndQuery) throws IOException, InterruptedException {
        return send(api(pathAndQuery, token).GET().build());
    }

    Res post(String token, String path, Object body) throws IOException, InterruptedException {
        return send(api(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                .build());
    }

    Res patch(String token, String path, Object body) throws IOException, InterruptedException {
        return send(api(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    Res delete(String token, String path) throws IOException, InterruptedException {
        return send(api(path, token).DELETE().build());
    }

    /** POST /oauth/token with HTTP Basic client authentication and a form body. */
    Res token(String clientId, String secret, Map<String, String> form) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(sim.oauthUrl() + "/token")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    /** Access token from the Server-to-Server grant. */
    String s2sToken(String clientId, String secret, String accountId) throws IOException, InterruptedException {
        Res r = token(clientId, secret, Map.of("grant_type", "account_credentials", "account_id", accountId));
        if (r.status() != 200) {
            throw new IllegalStateException("token: " + r);
        }
        return r.json().get("access_token").asText();
    }

    Res send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = MissingNode.getInstance();
        if (!r.body().isEmpty() && r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            json = JSON.readTree(r.body());
        }
        return new Res(r.statusCode(), r, json);
    }

    HttpRequest.Builder api(String pathAndQuery, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    HttpClient client() {
        return http;
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
