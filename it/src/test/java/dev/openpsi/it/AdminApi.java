package dev.openpsi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpsi.testkit.keycloak.DemoTokens;

/** The REST calls the whole-stack tests make as acme's account admin. */
final class AdminApi {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminApi() {
    }

    /** Sends {@code body} (null: none) as JSON with admin@acme.example's token. */
    static HttpResponse<String> send(String method, String url, Object body) throws IOException, InterruptedException {
        return send(DemoTokens.of(DemoTokens.ACME_ADMIN), Map.of(), method, url, body);
    }

    /** Sends {@code body} (null: none) as JSON with {@code token} and the extra {@code headers}. */
    static HttpResponse<String> send(String token, Map<String, String> headers, String method, String url, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON answer of a call that must answer {@code expected} (an empty object for an empty body). */
    static JsonNode api(String method, String url, Object body, int expected) throws IOException, InterruptedException {
        return answer(send(method, url, body), method, url, expected);
    }

    /** As {@link #api(String, String, Object, int)} with another caller's token and extra headers. */
    static JsonNode api(String token, Map<String, String> headers, String method, String url, Object body, int expected)
            throws IOException, InterruptedException {
        return answer(send(token, headers, method, url, body), method, url, expected);
    }

    private static JsonNode answer(HttpResponse<String> response, String method, String url, int expected)
            throws IOException {
        assertEquals(expected, response.statusCode(), method + " " + url + ": " + response.body());
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
