package dev.openpsi.sbcadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Account admins and services create, replace and delete SBC configurations; users change nothing; other accounts see nothing. */
@QuarkusTest
class SbcConfigurationsWriteTest {

    static final String CONFIGURATIONS = "/api/v1/sbc-configurations";
    static final String CONFIGURATION = "/api/v1/sbc-configurations/{id}";

    @Test
    void anAccountAdminCreatesReadsReplacesAndDeletesAConfiguration() {
        String name = DemoTokens.fresh("Munich SBC");
        JsonPath created = create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then()
                .statusCode(201)
                .contentType("application/json")
                .body("id", notNullValue())
                .body("account", equalTo("acme"))
                .body("name", equalTo(name))
                .body("host", equalTo("sbc.acme.example"))
                .body("port", equalTo(65061))
                .body("protocol", equalTo("TLS"))
                .body("version", equalTo(0))
                .body("warnings", empty())
                .extract().jsonPath();
        String id = created.getString("id");
        assertEquals(created.getString("createdAt"), created.getString("updatedAt"));

        // a regular user of the account reads it, as it was created
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(CONFIGURATION, id).then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("host", equalTo("sbc.acme.example"))
                .body("port", equalTo(65061))
                .body("protocol", equalTo("TLS"))
                .body("createdAt", equalTo(created.getString("createdAt")));

        String renamed = DemoTokens.fresh("Munich DMZ");
        JsonPath replaced = replace(ACME_ADMIN, id, config(renamed, "2001:db8::5", 65062, "TLS", 0)).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo(renamed))
                .body("host", equalTo("2001:db8::5"))
                .body("port", equalTo(65062))
                .body("version", equalTo(1))
                .body("createdAt", equalTo(created.getString("createdAt")))
                .extract().jsonPath();
        assertTrue(Instant.parse(replaced.getString("updatedAt")).isAfter(Instant.parse(created.getString("updatedAt"))),
                "updatedAt moves on an update: " + replaced.getString("updatedAt"));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(CONFIGURATION, id).then()
                .statusCode(200)
                .body("name", equalTo(renamed))
                .body("host", equalTo("2001:db8::5"))
                .body("port", equalTo(65062))
                .body("version", equalTo(1))
                .body("updatedAt", equalTo(replaced.getString("updatedAt")));

        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(CONFIGURATION, id).then().statusCode(204);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(CONFIGURATION, id).then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(CONFIGURATION, id).then().statusCode(404);
        replace(ACME_ADMIN, id, config(renamed, "2001:db8::5", 65062, "TLS", 1)).then().statusCode(404);
        // the name is free again
        create(ACME_ADMIN, config(renamed, "sbc.acme.example", 65061, "TLS")).then().statusCode(201);
    }

    @Test
    void theLocationOfACreatedConfigurationAnswersIt() {
        Response created = create(ACME_ADMIN, config(DemoTokens.fresh("Located"), "203.0.113.10", 65061, "TLS"));
        created.then().statusCode(201);
        String id = created.jsonPath().getString("id");
        String location = created.header("Location");
        assertTrue(location.endsWith(CONFIGURATIONS + "/" + id), location);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(location).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("host", equalTo("203.0.113.10"));
    }

    @Test
    void aServiceManagesTheConfigurationsOfTheAccountItNames() {
        String service = DemoTokens.service("sbc-adapter");
        String name = DemoTokens.fresh("Globex SBC");
        String id = given().auth().oauth2(service).queryParam("account", "globex").contentType(ContentType.JSON)
                .body(config(name, "sbc.globex.example", 65061, "TLS")).when().post(CONFIGURATIONS).then()
                .statusCode(201)
                .body("account", equalTo("globex"))
                .extract().path("id");
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().get(CONFIGURATION, id).then()
                .statusCode(200)
                .body("name", equalTo(name));
        // the id says whose it is; naming the wrong account finds nothing
        given().auth().oauth2(service).when().get(CONFIGURATION, id).then().statusCode(200).body("account", equalTo("globex"));
        given().auth().oauth2(service).queryParam("account", "acme").when().get(CONFIGURATION, id).then().statusCode(404);
        given().auth().oauth2(service).contentType(ContentType.JSON).body(config(name, "sbc2.globex.example", 65061, "TLS", 0))
                .when().put(CONFIGURATION, id).then()
                .statusCode(200)
                .body("host", equalTo("sbc2.globex.example"));
        // a service acts for an account only when it names one
        given().auth().oauth2(service).contentType(ContentType.JSON).body(config(DemoTokens.fresh("Nobody's"),
                "sbc.globex.example", 65061, "TLS")).when().post(CONFIGURATIONS).then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(service).when().delete(CONFIGURATION, id).then().statusCode(204);
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().get(CONFIGURATION, id).then().statusCode(404);
    }

    @Test
    void invalidInputNamesTheField() {
        String fresh = DemoTokens.fresh("Valid");
        Map<String, List<Map<String, Object>>> refused = new HashMap<>();
        refused.put("name", List.of(
                config("", "sbc.acme.example", 65061, "TLS"),
                config("   ", "sbc.acme.example", 65061, "TLS"),
                config("n".repeat(65), "sbc.acme.example", 65061, "TLS"),
                config("line\nbreak", "sbc.acme.example", 65061, "TLS"),
                without(config(fresh, "sbc.acme.example", 65061, "TLS"), "name")));
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (String host : List.of("", " ", "https://sbc.acme.example", "sbc.acme.example:5061", "sbc.acme.example/sip",
                "sip:sbc.acme.example", "sbc", "sbc_1.acme.example", "-sbc.acme.example", "sbc-.acme.example",
                "sbc..acme.example", "sbc.acme.example.", " sbc.acme.example", "münchen.example", "256.1.1.1",
                "1.2.3", "01.2.3.4", "203.0.113.10:5061", "[2001:db8::1]", "2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7",
                "fe80::1%eth0", "2001:db8::/32", "l".repeat(64) + ".example", "a." + "b.".repeat(126) + "example")) {
            hosts.add(config(fresh, host, 65061, "TLS"));
        }
        hosts.add(without(config(fresh, "sbc.acme.example", 65061, "TLS"), "host"));
        refused.put("host", hosts);
        refused.put("port", List.of(
                config(fresh, "sbc.acme.example", 0, "TLS"),
                config(fresh, "sbc.acme.example", 65536, "TLS"),
                config(fresh, "sbc.acme.example", -5061, "TLS"),
                config(fresh, "sbc.acme.example", "five thousand", "TLS"),
                without(config(fresh, "sbc.acme.example", 65061, "TLS"), "port")));
        refused.put("protocol", List.of(
                config(fresh, "sbc.acme.example", 65061, "SCTP"),
                config(fresh, "sbc.acme.example", 65061, "tls"),
                config(fresh, "sbc.acme.example", 65061, ""),
                config(fresh, "sbc.acme.example", 65061, "TLS,UDP"),
                without(config(fresh, "sbc.acme.example", 65061, "TLS"), "protocol")));
        refused.forEach((field, bodies) -> {
            for (Map<String, Object> body : bodies) {
                create(ACME_ADMIN, body).then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("type", endsWith("/validation"))
                        .body("status", equalTo(400))
                        .body("errors.field", contains(field))
                        .body("errors[0].reason", notNullValue());
            }
        });
        // the host reason tells the admin what is expected
        create(ACME_ADMIN, config(fresh, "https://sbc.acme.example", 65061, "TLS")).then()
                .body("errors[0].reason", containsString("IPv4 address, an IPv6 address or a fully qualified domain name"));
        create(ACME_ADMIN, config(fresh, "sbc.acme.example", 65061, "SCTP")).then()
                .body("errors[0].reason", containsString("TLS, TCP, UDP"));

        // nothing was created by the refused requests: the name is still free
        String id = create(ACME_ADMIN, config(fresh, "sbc.acme.example", 65061, "TLS")).then().statusCode(201)
                .extract().path("id");

        // an update is validated the same way, and needs the version it replaces
        replace(ACME_ADMIN, id, config(fresh, "sbc.acme.example:5061", 65061, "TLS", 0)).then()
                .statusCode(400).body("errors.field", contains("host"));
        replace(ACME_ADMIN, id, config(fresh, "sbc.acme.example", 65061, "udp", 0)).then()
                .statusCode(400).body("errors.field", contains("protocol"));
        replace(ACME_ADMIN, id, config(fresh, "sbc.acme.example", 65061, "TLS")).then()
                .statusCode(400).body("errors.field", contains("version"));
        replace(ACME_ADMIN, "not-a-uuid", config(fresh, "sbc.acme.example", 65061, "TLS", 0)).then()
                .statusCode(400).body("errors.field", contains("id"));
        create(ACME_ADMIN, Map.of()).then()
                .statusCode(400)
                .body("errors.field", contains("host", "name", "port", "protocol"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(CONFIGURATION, id).then()
                .body("host", equalTo("sbc.acme.example"))
                .body("version", equalTo(0));
    }

    @Test
    void everyFormOfHostAndTheLongestNameAreAccepted() {
        for (String host : List.of("203.0.113.10", "2001:db8::10", "2001:DB8:0:0:8:800:200C:417A",
                "::ffff:203.0.113.10", "sbc.acme.example", "SBC-1.Acme.Example", "xn--mnchen-3ya.example",
                "10.sbc.acme.example", "l".repeat(63) + ".example")) {
            create(ACME_ADMIN, config(DemoTokens.fresh("Host"), host, 65061, "TLS")).then()
                    .statusCode(201)
                    .body("host", equalTo(host));
        }
        String longest = "L" + UUID.randomUUID().toString().replace("-", "") + "n".repeat(31);
        assertEquals(64, longest.length());
        create(ACME_ADMIN, config(longest, "sbc.acme.example", 65061, "TLS")).then()
                .statusCode(201)
                .body("name", equalTo(longest));
        // surrounding blanks are not part of a name
        String padded = DemoTokens.fresh("Padded");
        create(ACME_ADMIN, config("  " + padded + " ", "sbc.acme.example", 65061, "TLS")).then()
                .statusCode(201)
                .body("name", equalTo(padded));
    }

    @Test
    void aNameIsTakenOnceInAnAccountWhateverItsCase() {
        String name = DemoTokens.fresh("Berlin SBC");
        String id = create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then().statusCode(201)
                .extract().path("id");
        for (String twin : List.of(name, name.toUpperCase(), name.toLowerCase(), " " + name)) {
            create(ACME_ADMIN, config(twin, "other.acme.example", 65062, "TLS")).then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/sbc-configuration-exists"))
                    .body("status", equalTo(409))
                    .body("detail", containsString(twin.strip()));
        }
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(CONFIGURATION, id).then()
                .body("host", equalTo("sbc.acme.example"));
        // another account has names of its own
        create(GLOBEX_ADMIN, config(name, "sbc.globex.example", 65061, "TLS")).then().statusCode(201);
        // renaming another configuration to the taken name is refused; changing the case of its own name is not
        String otherId = create(ACME_ADMIN, config(DemoTokens.fresh("Hamburg SBC"), "sbc.acme.example", 65061, "TLS"))
                .then().statusCode(201).extract().path("id");
        replace(ACME_ADMIN, otherId, config(name.toUpperCase(), "sbc.acme.example", 65061, "TLS", 0)).then()
                .statusCode(409)
                .body("type", endsWith("/sbc-configuration-exists"));
        replace(ACME_ADMIN, id, config(name.toUpperCase(), "sbc.acme.example", 65061, "TLS", 0)).then()
                .statusCode(200)
                .body("name", equalTo(name.toUpperCase()));
    }

    @Test
    void tlsOnACustomPortIsAcceptedWithoutWarnings() {
        String id = create(ACME_ADMIN, config(DemoTokens.fresh("Hardened"), "sbc.acme.example", 65061, "TLS")).then()
                .statusCode(201)
                .body("warnings", empty())
                .extract().path("id");
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(CONFIGURATION, id).then().body("warnings", empty());
    }

    @Test
    void udpAndTcpAreAcceptedWithAWarningToUseTls() {
        for (String protocol : List.of("UDP", "TCP")) {
            String name = DemoTokens.fresh("Legacy " + protocol);
            String id = create(ACME_ADMIN, config(name, "sbc.acme.example", 5060, protocol)).then()
                    .statusCode(201)
                    .body("protocol", equalTo(protocol))
                    .body("warnings", hasSize(1))
                    .body("warnings[0]", equalTo(protocol + " is not recommended for remote subscribers: use TLS"))
                    .extract().path("id");
            // the warning stays with the configuration, and goes once it uses TLS
            given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(CONFIGURATION, id).then()
                    .body("warnings", hasSize(1))
                    .body("warnings[0]", containsString(protocol));
            replace(ACME_ADMIN, id, config(name, "sbc.acme.example", 65061, "TLS", 0)).then()
                    .statusCode(200)
                    .body("warnings", empty());
        }
    }

    @Test
    void tlsOnTheDefaultPortIsAcceptedWithHardeningAdvice() {
        create(ACME_ADMIN, config(DemoTokens.fresh("Default port"), "sbc.acme.example", 5061, "TLS")).then()
                .statusCode(201)
                .body("port", equalTo(5061))
                .body("warnings", hasSize(1))
                .body("warnings[0]", containsString("5061"))
                .body("warnings[0]", containsString("65061"));
    }

    @Test
    void anotherAccountsConfigurationDoesNotExistForTheCaller() {
        String name = DemoTokens.fresh("ACME only");
        String id = create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then().statusCode(201)
                .extract().path("id");
        JsonPath missing = given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().get(CONFIGURATION, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").extract().jsonPath();
        List<ValidatableResponse> foreign = List.of(
                given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().get(CONFIGURATION, id).then(),
                replace(GLOBEX_ADMIN, id, config("Hijacked", "evil.example", 65061, "TLS", 0)).then(),
                given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().delete(CONFIGURATION, id).then(),
                // naming the account does not help either
                given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).queryParam("account", "acme").when().get(CONFIGURATION, id).then(),
                given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).queryParam("account", "acme").when().delete(CONFIGURATION, id).then());
        for (ValidatableResponse response : foreign) {
            JsonPath answer = response.statusCode(404).contentType("application/problem+json").extract().jsonPath();
            for (String member : List.of("type", "title", "status", "detail", "errors")) {
                assertEquals((Object) missing.get(member), answer.get(member), member);
            }
        }
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).queryParam("account", "acme").contentType(ContentType.JSON)
                .body(config(DemoTokens.fresh("Planted"), "evil.example", 65061, "TLS")).when().post(CONFIGURATIONS).then()
                .statusCode(404);
        // untouched
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(CONFIGURATION, id).then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("host", equalTo("sbc.acme.example"))
                .body("version", equalTo(0));
    }

    @Test
    void regularUsersConfigureNothing() {
        String name = DemoTokens.fresh("Admin's");
        String id = create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then().statusCode(201)
                .extract().path("id");
        List<ValidatableResponse> refused = List.of(
                create(ACME_USER, config(DemoTokens.fresh("User's"), "sbc.acme.example", 65061, "TLS")).then(),
                replace(ACME_USER, id, config("Renamed by a user", "sbc.acme.example", 65061, "UDP", 0)).then(),
                given().auth().oauth2(DemoTokens.of(ACME_USER)).when().delete(CONFIGURATION, id).then());
        for (ValidatableResponse response : refused) {
            response.statusCode(403)
                    .contentType("application/problem+json")
                    .body("status", equalTo(403));
        }
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(CONFIGURATION, id).then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("protocol", equalTo("TLS"))
                .body("version", equalTo(0));
    }

    @Test
    void anUpdateBasedOnAStaleVersionIsAConflict() {
        String name = DemoTokens.fresh("Contended");
        String id = create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then().statusCode(201)
                .extract().path("id");
        // two admins read version 0; the first update wins
        replace(ACME_ADMIN, id, config(name, "first.acme.example", 65061, "TLS", 0)).then()
                .statusCode(200)
                .body("version", equalTo(1));
        replace(ACME_ADMIN, id, config(name, "second.acme.example", 65061, "TLS", 0)).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/concurrent-update"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(CONFIGURATION, id).then()
                .body("host", equalTo("first.acme.example"))
                .body("version", equalTo(1));
        // reading again and retrying succeeds
        replace(ACME_ADMIN, id, config(name, "second.acme.example", 65061, "TLS", 1)).then()
                .statusCode(200)
                .body("host", equalTo("second.acme.example"))
                .body("version", equalTo(2));
    }

    @Test
    void concurrentUpdatesOfOneVersionApplyOnceAndConflictOtherwise() throws Exception {
        String name = DemoTokens.fresh("Raced");
        String id = create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then().statusCode(201)
                .extract().path("id");
        String token = DemoTokens.of(ACME_ADMIN);
        List<Callable<ValidatableResponse>> updates = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            Map<String, Object> body = config(name, "race" + i + ".acme.example", 65061, "TLS", 0);
            updates.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().put(CONFIGURATION, id).then());
        }
        ExecutorService pool = Executors.newFixedThreadPool(updates.size());
        List<String> applied = new ArrayList<>();
        try {
            for (Future<ValidatableResponse> answer : pool.invokeAll(updates)) {
                ValidatableResponse response = answer.get();
                int status = response.extract().statusCode();
                assertTrue(status == 200 || status == 409, "a concurrent update answered " + status + ": "
                        + response.extract().asString());
                if (status == 200) {
                    applied.add(response.extract().path("host"));
                } else {
                    response.contentType("application/problem+json").body("type", endsWith("/concurrent-update"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, applied.size(), "exactly one update of version 0 applies: " + applied);
        given().auth().oauth2(token).when().get(CONFIGURATION, id).then()
                .body("host", equalTo(applied.get(0)))
                .body("version", equalTo(1));
    }

    @Test
    void concurrentCreatesOfOneNameCreateOneConfiguration() throws Exception {
        String name = DemoTokens.fresh("Twins");
        String token = DemoTokens.of(ACME_ADMIN);
        List<Callable<ValidatableResponse>> creates = new ArrayList<>();
        for (String twin : List.of(name, name.toUpperCase(), name.toLowerCase(), name, name.toUpperCase(), name.toLowerCase())) {
            Map<String, Object> body = config(twin, "sbc.acme.example", 65061, "TLS");
            creates.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().post(CONFIGURATIONS).then());
        }
        ExecutorService pool = Executors.newFixedThreadPool(creates.size());
        List<String> created = new ArrayList<>();
        try {
            for (Future<ValidatableResponse> answer : pool.invokeAll(creates)) {
                ValidatableResponse response = answer.get();
                int status = response.extract().statusCode();
                assertTrue(status == 201 || status == 409, "a concurrent create answered " + status + ": "
                        + response.extract().asString());
                if (status == 201) {
                    created.add(response.extract().path("id"));
                } else {
                    response.contentType("application/problem+json").body("type", endsWith("/sbc-configuration-exists"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, created.size(), "one configuration per name: " + created);
    }

    static Map<String, Object> config(String name, String host, Object port, String protocol) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("host", host);
        body.put("port", port);
        body.put("protocol", protocol);
        return body;
    }

    static Map<String, Object> config(String name, String host, Object port, String protocol, long version) {
        Map<String, Object> body = config(name, host, port, protocol);
        body.put("version", version);
        return body;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.remove(field);
        return copy;
    }

    static Response create(String email, Map<String, ?> body) {
        return given().auth().oauth2(DemoTokens.of(email)).contentType(ContentType.JSON).body(body).when().post(CONFIGURATIONS);
    }

    static Response replace(String email, String id, Map<String, ?> body) {
        return given().auth().oauth2(DemoTokens.of(email)).contentType(ContentType.JSON).body(body)
                .when().put(CONFIGURATION, id);
    }
}
