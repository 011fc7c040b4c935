package dev.openpsi.cloudlinkdaemon;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Traceparent;
import dev.openpsi.testkit.events.TestEvents;
import io.restassured.path.json.JsonPath;

/** What the Journal*Test classes share: the service token, raw records, and waiting for journal rows. */
final class JournalTestSupport {

    static final String JOURNAL = "/api/v1/journal";
    private static volatile String serviceToken;
    private static volatile long serviceTokenAt;

    private JournalTestSupport() {
    }

    static synchronized String service() {
        if (serviceToken == null || System.currentTimeMillis() - serviceTokenAt > 60_000) {
            serviceToken = DemoTokens.service("cloudlink-daemon");
            serviceTokenAt = System.currentTimeMillis();
        }
        return serviceToken;
    }

    /** A record with the CloudEvents headers a producer would set, and whatever value (also not JSON). */
    static ProducerRecord<String, byte[]> raw(String topic, String key, String ceType, String account, String subject,
            String value, Map<String, String> extraHeaders) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        put(headers, CloudEventHeaders.ID, UUID.randomUUID().toString());
        put(headers, CloudEventHeaders.SOURCE, "/openpsi/osv-adapter");
        put(headers, CloudEventHeaders.TYPE, ceType);
        put(headers, CloudEventHeaders.TIME, Instant.now().toString());
        put(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        put(headers, CloudEventHeaders.ACCOUNT, account);
        put(headers, CloudEventHeaders.SUBJECT, subject);
        put(headers, CloudEventHeaders.TRACEPARENT, Traceparent.newRoot().value());
        extraHeaders.forEach((k, v) -> put(headers, k, v));
        return new ProducerRecord<>(topic, null, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        if (value != null) {
            CloudEventHeaders.put(headers, name, value);
        }
    }

    /** The journal page (as the service account) for the given query, once it holds {@code expected} items. */
    static JsonPath awaitItems(Map<String, ?> query, int expected) {
        JsonPath[] last = new JsonPath[1];
        TestEvents.await(expected + " journal rows for " + query, Duration.ofSeconds(15), () -> {
            last[0] = given().auth().oauth2(service()).queryParams(query).queryParam("limit", 500)
                    .when().get(JOURNAL).then().statusCode(200).extract().jsonPath();
            return last[0].getList("items").size() >= expected;
        });
        return last[0];
    }

    static List<Map<String, Object>> items(JsonPath page) {
        return page.getList("items");
    }

    static String freshEmail(String who) {
        return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@acme.example.com";
    }
}
