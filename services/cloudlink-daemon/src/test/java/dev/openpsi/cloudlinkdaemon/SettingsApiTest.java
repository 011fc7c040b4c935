package dev.openpsi.cloudlinkdaemon;

import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.PARTNER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.platform.SettingsChanged;
import dev.openpsi.events.payload.platform.SettingsSection;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.keycloak.DemoTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The PBX system settings of an account: admins and the partner write them, service accounts read
 * them, users see nothing; the provider secret goes in but never comes out (API, log, Kafka).
 */
@QuarkusTest
class SettingsApiTest {

    private static final String SETTINGS = "/api/v1/accounts/{id}/settings";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool db;

    private static String freshCustomer() {
        String id = DemoTokens.fresh("settings");
        given().auth().oauth2(DemoTokens.of(PARTNER)).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Settings " + id)).when().post("/api/v1/accounts").then().statusCode(201);
        return id;
    }

    private static Map<String, Object> codes() {
        Map<String, Object> codes = new LinkedHashMap<>();
        codes.put("callForward", "*72");
        codes.put("disableCallForward", "#72");
        codes.put("doNotDisturb", "*78");
        codes.put("disableDnd", "#78");
        codes.put("enableCallForward", "*73");
        codes.put("enableDnd", "*79");
        return codes;
    }

    private static Map<String, Object> provider(String secret) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", "RedSky");
        p.put("type", "HELD");
        p.put("primaryServer", "https://held.redsky.example/held");
        p.put("secondaryServer", "https://held2.redsky.example/held");
        p.put("customerId", "acme-4711");
        if (secret != null) {
            p.put("secret", secret);
        }
        p.put("extraHeaders", Map.of("X-Tenant", "acme", "X-Region", "eu"));
        return p;
    }

    private static Map<String, Object> document(String secret) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("voicemailPilot", "+4989700799999");
        doc.put("featureCodes", codes());
        doc.put("emergencyNumbers", List.of("911", "112"));
        doc.put("locationProvider", provider(secret));
        return doc;
    }

    private static String secret() {
        return "s3cr3t-" + UUID.randomUUID();
    }

    private static Response put(String who, String account, String ifMatch, Object body) {
        var request = given().auth().oauth2(DemoTokens.of(who)).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().put(SETTINGS, account);
    }

    private static Response get(String who, String account) {
        return given().auth().oauth2(DemoTokens.of(who)).when().get(SETTINGS, account);
    }

    private static String etag(String who, String account) {
        return get(who, account).then().statusCode(200).extract().header("ETag");
    }

    private List<ConsumerRecord<String, byte[]>> events(String account, int expected, Duration timeout) {
        return TestEvents.read(bootstrap, Topic.PLATFORM.topicName(), TestEvents.ofType(EventTypes.SETTINGS_CHANGED, account),
                expected, timeout);
    }

    private static List<SettingsSection> sections(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> TestEvents.payload(EventTypes.SETTINGS_CHANGED, r).section()).toList();
    }

    private Row storedRow(String account) {
        return db.preparedQuery("select location_provider::text as provider, location_provider_secret from account_settings"
                + " where account = $1").execute(Tuple.of(account)).await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    @Test
    void aPartnerConfiguresEverySectionOfItsCustomerAndTheSecretNeverComesOut() {
        String account = freshCustomer();
        String secret = secret();
        get(PARTNER, account).then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("account", equalTo(account))
                .body("voicemailPilot", nullValue())
                .body("featureCodes", nullValue())
                .body("emergencyNumbers", nullValue())
                .body("locationProvider", nullValue());

        List<String> logged = new ArrayList<>();
        Handler capture = capturing(logged);
        Logger.getLogger("").addHandler(capture);
        String written;
        String read;
        try {
            written = put(PARTNER, account, "\"0\"", document(secret)).then()
                    .statusCode(200)
                    .header("ETag", "\"1\"")
                    .body("voicemailPilot", equalTo("+4989700799999"))
                    .body("featureCodes.callForward", equalTo("*72"))
                    .body("featureCodes.enableDnd", equalTo("*79"))
                    .body("emergencyNumbers", contains("911", "112"))
                    .body("locationProvider.name", equalTo("RedSky"))
                    .body("locationProvider.type", equalTo("HELD"))
                    .body("locationProvider.primaryServer", equalTo("https://held.redsky.example/held"))
                    .body("locationProvider.secondaryServer", equalTo("https://held2.redsky.example/held"))
                    .body("locationProvider.customerId", equalTo("acme-4711"))
                    .body("locationProvider.secretSet", equalTo(true))
                    .body("locationProvider.extraHeaders.X-Tenant", equalTo("acme"))
                    .body("locationProvider", not(org.hamcrest.Matchers.hasKey("secret")))
                    .extract().asString();
            read = get(PARTNER, account).then()
                    .statusCode(200)
                    .header("ETag", "\"1\"")
                    .body("featureCodes.keySet()", containsInAnyOrder("callForward", "disableCallForward", "doNotDisturb",
                            "disableDnd", "enableCallForward", "enableDnd"))
                    .body("locationProvider.secretSet", equalTo(true))
                    .extract().asString();
            // a service account reads them too (the E911 lookup needs the provider), still without the secret
            String asService = given().auth().oauth2(DemoTokens.service("cloudlink-daemon")).when().get(SETTINGS, account)
                    .then().statusCode(200).body("locationProvider.customerId", equalTo("acme-4711")).extract().asString();
            assertFalse(asService.contains(secret));
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertFalse(written.contains(secret), written);
        assertFalse(read.contains(secret), read);
        for (String line : logged) {
            assertFalse(line.contains(secret), "the secret was logged: " + line);
        }

        // at rest: sealed by SecretCipher, and not in the provider column either
        Row row = storedRow(account);
        assertFalse(row.getString("provider").contains(secret));
        assertTrue(row.getString("location_provider_secret").startsWith("v1."), "sealed: " + row.getString("location_provider_secret"));
        assertFalse(row.getString("location_provider_secret").contains(secret));

        // one SettingsChanged per section, through the outbox; none of them carries the secret
        List<ConsumerRecord<String, byte[]>> records = events(account, 4, Duration.ofSeconds(30));
        assertEquals(4, records.size(), "one event per configured section");
        assertTrue(sections(records).containsAll(Arrays.asList(SettingsSection.values())), sections(records).toString());
        for (ConsumerRecord<String, byte[]> r : records) {
            SettingsChanged event = TestEvents.payload(EventTypes.SETTINGS_CHANGED, r);
            assertEquals(account, event.account());
            assertEquals(account + "/settings:" + event.section().value(), r.key());
            assertFalse(new String(r.value(), StandardCharsets.UTF_8).contains(secret));
            for (Header h : r.headers()) {
                assertFalse(new String(h.value(), StandardCharsets.UTF_8).contains(secret), h.key());
            }
        }
    }

    @Test
    void aRepeatedDocumentChangesNothingAndOneChangedSectionPublishesOneEvent() {
        String account = freshCustomer();
        String secret = secret();
        put(PARTNER, account, null, document(secret)).then().statusCode(200).header("ETag", "\"1\"");
        String sealed = storedRow(account).getString("location_provider_secret");

        // the same document again, with the same secret or without one: no write, no event
        put(PARTNER, account, "\"1\"", document(secret)).then().statusCode(200).header("ETag", "\"1\"");
        put(PARTNER, account, "\"1\"", document(null)).then().statusCode(200).header("ETag", "\"1\"")
                .body("locationProvider.secretSet", equalTo(true));
        assertEquals(sealed, storedRow(account).getString("location_provider_secret"), "omitting the secret keeps it");

        // one section changes: one event for it
        Map<String, Object> doc = document(null);
        doc.put("emergencyNumbers", List.of("911", "112", "933"));
        put(PARTNER, account, "\"1\"", doc).then().statusCode(200).header("ETag", "\"2\"")
                .body("emergencyNumbers", contains("911", "112", "933"));
        // a new secret alone is a change of the provider
        put(PARTNER, account, "\"2\"", document(secret())).then().statusCode(200).header("ETag", "\"3\"")
                .body("emergencyNumbers", contains("911", "112"));
        assertNotEquals(sealed, storedRow(account).getString("location_provider_secret"));

        // 4 first + emergencyNumbers + (emergencyNumbers back, locationProvider) = 7, nothing for the repeats
        List<ConsumerRecord<String, byte[]>> records = events(account, 7, Duration.ofSeconds(30));
        assertEquals(7, records.size(), sections(records).toString());
        Map<SettingsSection, Integer> perSection = new HashMap<>();
        sections(records).forEach(s -> perSection.merge(s, 1, Integer::sum));
        assertEquals(Map.of(SettingsSection.VOICEMAIL_PILOT, 1, SettingsSection.FEATURE_CODES, 1,
                SettingsSection.EMERGENCY_NUMBERS, 3, SettingsSection.LOCATION_PROVIDER, 2), perSection);

        // clearing a section (absent in the document) removes it and its secret
        Map<String, Object> withoutProvider = document(null);
        withoutProvider.remove("locationProvider");
        put(PARTNER, account, "\"3\"", withoutProvider).then().statusCode(200).body("locationProvider", nullValue());
        assertEquals(null, storedRow(account).getString("location_provider_secret"));
        // configuring it again needs a secret again
        put(PARTNER, account, null, document(null)).then().statusCode(400)
                .body("errors.field", contains("locationProvider.secret"));
    }

    @Test
    void aStaleOrWeakETagIsRefusedWith412AndChangesNothing() {
        String account = freshCustomer();
        put(PARTNER, account, "\"0\"", document(secret())).then().statusCode(200).header("ETag", "\"1\"");
        Map<String, Object> doc = document(null);
        doc.put("voicemailPilot", "+4989700700000");
        for (String stale : List.of("\"0\"", "W/\"1\"", "\"2\"", "\"0\", \"7\"")) {
            put(PARTNER, account, stale, doc).then()
                    .statusCode(412)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/precondition-failed"));
        }
        get(PARTNER, account).then().header("ETag", "\"1\"").body("voicemailPilot", equalTo("+4989700799999"));
        put(PARTNER, account, "\"0\", \"1\"", doc).then().statusCode(200).header("ETag", "\"2\"");
        put(PARTNER, account, "*", document(null)).then().statusCode(200).header("ETag", "\"3\"");
    }

    @Test
    void concurrentWritesWithTheSameETagLetExactlyOneThrough() throws Exception {
        String account = freshCustomer();
        // the first write of an account (an insert) and a later one (an update)
        for (String tag : List.of("\"0\"", "\"1\"")) {
            String token = DemoTokens.of(PARTNER);
            List<Callable<ValidatableResponse>> writes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Map<String, Object> doc = document(secret());
                doc.put("voicemailPilot", "+49897007000" + (tag.equals("\"0\"") ? "1" : "2") + i);
                writes.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", tag).body(doc)
                        .when().put(SETTINGS, account).then());
            }
            ExecutorService pool = Executors.newFixedThreadPool(writes.size());
            int ok = 0;
            try {
                for (Future<ValidatableResponse> answer : pool.invokeAll(writes)) {
                    int status = answer.get().extract().statusCode();
                    assertTrue(status == 200 || status == 412, "a concurrent write answered " + status + ": "
                            + answer.get().extract().asString());
                    ok += status == 200 ? 1 : 0;
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, ok, "exactly one write based on " + tag + " wins");
        }
        get(PARTNER, account).then().header("ETag", "\"2\"");
    }

    @Test
    void everyInvalidFieldIsNamedAndNothingIsWritten() {
        String account = freshCustomer();
        String secret = secret();
        put(PARTNER, account, null, document(secret)).then().statusCode(200);
        String before = get(PARTNER, account).then().extract().asString();

        List<Map.Entry<String, Map<String, Object>>> cases = List.of(
                Map.entry("voicemailPilot", with(secret, d -> d.put("voicemailPilot", "089700799999"))),
                Map.entry("featureCodes.enableDnd", with(secret, d -> codes(d).remove("enableDnd"))),
                Map.entry("featureCodes.park", with(secret, d -> codes(d).put("park", "*90"))),
                Map.entry("featureCodes.callForward", with(secret, d -> codes(d).put("callForward", "72"))),
                Map.entry("featureCodes.disableDnd", with(secret, d -> codes(d).put("disableDnd", "*78"))),
                Map.entry("emergencyNumbers[1]", with(secret, d -> d.put("emergencyNumbers", List.of("911", "11a")))),
                Map.entry("emergencyNumbers[2]", with(secret, d -> d.put("emergencyNumbers", List.of("911", "112", "911")))),
                Map.entry("emergencyNumbers", with(secret, d -> d.put("emergencyNumbers", List.of()))),
                Map.entry("locationProvider.name", with(secret, d -> provider(d).remove("name"))),
                Map.entry("locationProvider.type", with(secret, d -> provider(d).put("type", "  "))),
                Map.entry("locationProvider.customerId", with(secret, d -> provider(d).remove("customerId"))),
                Map.entry("locationProvider.primaryServer", with(secret, d -> provider(d).remove("primaryServer"))),
                Map.entry("locationProvider.primaryServer",
                        with(secret, d -> provider(d).put("primaryServer", "https://user:pw@held.example/"))),
                Map.entry("locationProvider.secondaryServer",
                        with(secret, d -> provider(d).put("secondaryServer", "ftp://held.example/held"))),
                Map.entry("locationProvider.secondaryServer", with(secret, d -> provider(d).put("secondaryServer", "not a url"))),
                Map.entry("locationProvider.secondaryServer",
                        with(secret, d -> provider(d).put("secondaryServer", provider(d).get("primaryServer")))),
                Map.entry("locationProvider.extraHeaders.X-Count",
                        with(secret, d -> provider(d).put("extraHeaders", Map.of("X-Count", 5)))),
                Map.entry("locationProvider.extraHeaders.Bad Name",
                        with(secret, d -> provider(d).put("extraHeaders", Map.of("Bad Name", "x")))),
                Map.entry("locationProvider.extraHeaders.X-Inject",
                        with(secret, d -> provider(d).put("extraHeaders", Map.of("X-Inject", "a\r\nHost: evil")))),
                Map.entry("locationProvider.extraHeaders",
                        with(secret, d -> provider(d).put("extraHeaders", List.of("X-A: b")))),
                Map.entry("locationProvider.secret", with(secret, d -> provider(d).put("secret", " "))),
                Map.entry("voicemailPilote", with(secret, d -> d.put("voicemailPilote", "+4989700799999"))));
        for (Map.Entry<String, Map<String, Object>> invalid : cases) {
            String answer = put(PARTNER, account, null, invalid.getValue()).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/validation"))
                    .body("errors.field", hasItem(invalid.getKey()))
                    .extract().asString();
            assertFalse(answer.contains(secret), "a refusal repeats the secret: " + answer);
        }
        // several invalid fields are named at once
        Map<String, Object> many = with(secret, d -> {
            d.put("voicemailPilot", "12");
            d.put("emergencyNumbers", List.of("x"));
            provider(d).remove("name");
        });
        put(PARTNER, account, null, many).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("voicemailPilot", "emergencyNumbers[0]", "locationProvider.name"));

        assertEquals(before, get(PARTNER, account).then().extract().asString(), "a refused write changed the settings");
        assertEquals(4, events(account, 5, Duration.ofSeconds(5)).size(), "only the first, valid write published");
    }

    @Test
    void usersAreRefusedOtherAccountsAreNotFoundServicesOnlyRead() {
        // the account admin of acme writes acme's settings (based on what it read)
        String tag = etag(ACME_ADMIN, "acme");
        put(ACME_ADMIN, "acme", tag, document(secret())).then().statusCode(200).body("locationProvider.secretSet", equalTo(true));

        get(ACME_USER, "acme").then().statusCode(403).contentType("application/problem+json");
        put(ACME_USER, "acme", null, document(secret())).then().statusCode(403).contentType("application/problem+json");

        get(GLOBEX_ADMIN, "acme").then().statusCode(404).contentType("application/problem+json");
        put(GLOBEX_ADMIN, "acme", null, document(secret())).then().statusCode(404).contentType("application/problem+json");
        get(GLOBEX_ADMIN, "no-such-account").then().statusCode(404);
        // acme's admin does not reach its partner's other customers
        String other = freshCustomer();
        get(ACME_ADMIN, other).then().statusCode(404);
        put(ACME_ADMIN, other, null, document(secret())).then().statusCode(404);

        String service = DemoTokens.service("cloudlink-daemon");
        given().auth().oauth2(service).when().get(SETTINGS, "acme").then().statusCode(200).body("account", equalTo("acme"));
        given().auth().oauth2(service).contentType(ContentType.JSON).body(document(secret())).when().put(SETTINGS, "acme")
                .then().statusCode(403);
        given().when().get(SETTINGS, "acme").then().statusCode(401);
        get(ACME_ADMIN, "acme").then().statusCode(200).header("ETag", not(equalTo(tag)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> provider(Map<String, Object> doc) {
        return (Map<String, Object>) doc.get("locationProvider");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> codes(Map<String, Object> doc) {
        return (Map<String, Object>) doc.get("featureCodes");
    }

    /** A valid document (with {@code secret}) changed by {@code change}. */
    private static Map<String, Object> with(String secret, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> doc = document(secret);
        doc.put("locationProvider", new LinkedHashMap<>(provider(doc)));
        change.accept(doc);
        return doc;
    }

    /** Every log record of the service (message, parameters, stack trace), formatted. */
    private static Handler capturing(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        line.append(' ').append(p);
                    }
                }
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(' ').append(trace);
                }
                synchronized (lines) {
                    lines.add(line.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
