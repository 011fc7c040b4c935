package dev.openpsi.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpsi.testkit.keycloak.TokenClient;
import picocli.CommandLine.Option;

/**
 * The cloudlink-daemon API as the operator's commands call it: a token of the local realm (a
 * demo user's by default, the platform operator) and JSON requests. A picocli mixin.
 */
final class DaemonApi {

    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8081",
            description = "cloudlink-daemon base URL (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", defaultValue = "operator@openpsi.example",
            description = "User of the openpsi realm whose token is used (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "demo", description = "The user's password (default: the demo password).")
    String password;

    @Option(names = "--keycloak", defaultValue = "http://127.0.0.1:8180",
            description = "Keycloak base URL of the local stack (default ${DEFAULT-VALUE}).")
    String keycloak;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    JsonNode get(String path, Map<String, String> query) throws IOException, InterruptedException {
        return send("GET", path + queryString(query), null, 200);
    }

    JsonNode post(String path, Object body, int... expected) throws IOException, InterruptedException {
        return send("POST", path, body, expected);
    }

    static String queryString(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }

    private JsonNode send(String method, String path, Object body, int... expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            }
        }
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + problem(response.body()));
    }

    /** The problem's detail (RFC 9457) when the body is one, else the body. */
    private static String problem(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.hasNonNull("detail") ? problem.get("detail").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private String token() {
        if (token == null) {
            token = new TokenClient(keycloak + "/realms/openpsi").passwordGrant("openpsi-cli", user, password);
        }
        return token;
    }
}
