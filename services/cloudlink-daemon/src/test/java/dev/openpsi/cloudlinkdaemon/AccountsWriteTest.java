package dev.openpsi.cloudlinkdaemon;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.PARTNER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Partners create customer accounts; admins and partners rename them and switch integrations; users change nothing. */
@QuarkusTest
class AccountsWriteTest {

    private static final String ACCOUNTS = "/api/v1/accounts";
    private static final String ACCOUNT = "/api/v1/accounts/{id}";
    private static final String INTEGRATIONS = "/api/v1/accounts/{id}/integrations";

    @Test
    void aPartnerCreatesACustomerAccount() {
        String id = DemoTokens.fresh("initech");
        JsonPath created = create(PARTNER, id, "Initech Ltd").then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/accounts/" + id))
                .body("id", equalTo(id))
                .body("name", equalTo("Initech Ltd"))
                .body("type", equalTo("CUSTOMER"))
                .body("parentId", equalTo("partner-one"))
                .body("integrationsEnabled", equalTo(false))
                .body("createdAt", notNullValue())
                .extract().jsonPath();
        assertEquals(created.getString("createdAt"), created.getString("updatedAt"));

        given().auth().oauth2(DemoTokens.of(PARTNER)).when().get(ACCOUNT, id).then()
                .statusCode(200)
                .body("name", equalTo("Initech Ltd"))
                .body("createdAt", equalTo(created.getString("createdAt")));
        given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", 200).when().get(ACCOUNTS).then()
                .body("items.id", hasItem(id));
        // the partner's customers see neither it nor each other
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ACCOUNT, id).then().statusCode(404);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ACCOUNTS).then().body("items.id", not(hasItem(id)));
    }

    @Test
    void anAccountIdIsTakenOnce() {
        String id = DemoTokens.fresh("twice");
        create(PARTNER, id, "First").then().statusCode(201);
        create(PARTNER, id, "Second").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/account-exists"));
        given().auth().oauth2(DemoTokens.of(PARTNER)).when().get(ACCOUNT, id).then().body("name", equalTo("First"));
        create(PARTNER, "acme", "Not ACME").then().statusCode(409).body("type", endsWith("/account-exists"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ACCOUNT, "acme").then().body("name", equalTo("ACME GmbH"));
    }

    @Test
    void onlyPartnersCreateAccounts() {
        String id = DemoTokens.fresh("rogue");
        // refused by the role check (@RolesAllowed) before the request reaches the resource
        create(ACME_ADMIN, id, "Rogue").then().statusCode(403);
        create(ACME_USER, id, "Rogue").then().statusCode(403);
        given().auth().oauth2(DemoTokens.service("cloudlink-daemon")).when().get(ACCOUNT, id).then().statusCode(404);
    }

    @Test
    void invalidInputNamesTheField() {
        String fresh = DemoTokens.fresh("valid");
        List<Map<String, Object>> bodies = List.of(
                Map.of("id", "Upper-Case", "name", "X Corp"),
                Map.of("id", "-leading-hyphen", "name", "X Corp"),
                Map.of("id", "a", "name", "X Corp"),
                Map.of("id", "x".repeat(64), "name", "X Corp"),
                Map.of("name", "X Corp"));
        for (Map<String, Object> body : bodies) {
            post(PARTNER, body).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/validation"))
                    .body("errors.field", contains("id"));
        }
        for (Map<String, Object> body : List.of(Map.<String, Object>of("id", fresh, "name", ""),
                Map.<String, Object>of("id", fresh, "name", "   "),
                Map.<String, Object>of("id", fresh, "name", "n".repeat(201)),
                Map.<String, Object>of("id", fresh))) {
            post(PARTNER, body).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("name"));
        }
        // nothing was created by the refused requests, and the same id is still free
        given().auth().oauth2(DemoTokens.of(PARTNER)).when().get(ACCOUNT, fresh).then().statusCode(404);
        create(PARTNER, fresh, "n".repeat(200)).then().statusCode(201).body("name", equalTo("n".repeat(200)));
    }

    @Test
    void integrationsCannotBeEnabledOnAPartnerAccount() {
        given().auth().oauth2(DemoTokens.of(PARTNER)).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().put(INTEGRATIONS, "partner-one").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/integrations-on-partner-account"))
                .body("detail", equalTo("integrations cannot be enabled on a partner account"));
        given().auth().oauth2(DemoTokens.of(PARTNER)).when().get(ACCOUNT, "partner-one").then()
                .statusCode(200)
                .body("integrationsEnabled", equalTo(false));
        // switching them off is no offence
        given().auth().oauth2(DemoTokens.of(PARTNER)).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .when().put(INTEGRATIONS, "partner-one").then()
                .statusCode(200)
                .body("integrationsEnabled", equalTo(false));
    }

    @Test
    void anAccountAdminEnablesIntegrationsOfItsAccount() {
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().put(INTEGRATIONS, "acme").then()
                .statusCode(200)
                .body("id", equalTo("acme"))
                .body("integrationsEnabled", equalTo(true));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(ACCOUNT, "acme").then()
                .statusCode(200)
                .body("integrationsEnabled", equalTo(true));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON).body(Map.of())
                .when().put(INTEGRATIONS, "acme").then()
                .statusCode(400)
                .body("errors.field", contains("enabled"));
    }

    @Test
    void aPartnerSwitchesIntegrationsOfItsCustomer() {
        String id = DemoTokens.fresh("hooli");
        create(PARTNER, id, "Hooli").then().statusCode(201);
        for (boolean enabled : new boolean[] {true, false}) {
            given().auth().oauth2(DemoTokens.of(PARTNER)).contentType(ContentType.JSON).body(Map.of("enabled", enabled))
                    .when().put(INTEGRATIONS, id).then()
                    .statusCode(200)
                    .body("integrationsEnabled", equalTo(enabled));
            given().auth().oauth2(DemoTokens.of(PARTNER)).when().get(ACCOUNT, id).then()
                    .body("integrationsEnabled", equalTo(enabled));
        }
    }

    @Test
    void regularUsersConfigureNothing() {
        given().auth().oauth2(DemoTokens.of(ACME_USER)).contentType(ContentType.JSON).body(Map.of("name", "Hijacked"))
                .when().patch(ACCOUNT, "acme").then()
                .statusCode(403);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .when().put(INTEGRATIONS, "acme").then()
                .statusCode(403);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(ACCOUNT, "acme").then().body("name", equalTo("ACME GmbH"));
    }

    @Test
    void anotherCustomersAdminCannotFindTheAccountToChange() {
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).contentType(ContentType.JSON).body(Map.of("name", "Hijacked"))
                .when().patch(ACCOUNT, "acme").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().put(INTEGRATIONS, "acme").then()
                .statusCode(404);
        // nor the partner above it
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).contentType(ContentType.JSON).body(Map.of("name", "Hijacked"))
                .when().patch(ACCOUNT, "partner-one").then()
                .statusCode(404);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ACCOUNT, "acme").then().body("name", equalTo("ACME GmbH"));
    }

    @Test
    void aPartnerRenamesItsCustomer() {
        String id = DemoTokens.fresh("pied");
        JsonPath created = create(PARTNER, id, "Pied Piper").then().statusCode(201).extract().jsonPath();
        given().auth().oauth2(DemoTokens.of(PARTNER)).contentType(ContentType.JSON).body(Map.of("name", "Pied Piper Inc"))
                .when().patch(ACCOUNT, id).then()
                .statusCode(200)
                .body("name", equalTo("Pied Piper Inc"))
                .body("createdAt", equalTo(created.getString("createdAt")));
        JsonPath read = given().auth().oauth2(DemoTokens.of(PARTNER)).when().get(ACCOUNT, id).then()
                .statusCode(200)
                .body("name", equalTo("Pied Piper Inc"))
                .extract().jsonPath();
        assertTrue(Instant.parse(read.getString("updatedAt")).isAfter(Instant.parse(created.getString("updatedAt"))),
                "updatedAt moves on a rename: " + read.getString("updatedAt"));
        given().auth().oauth2(DemoTokens.of(PARTNER)).contentType(ContentType.JSON).body(Map.of("name", ""))
                .when().patch(ACCOUNT, id).then()
                .statusCode(400)
                .body("errors.field", contains("name"));
    }

    @Test
    void anAccountAdminRenamesItsAccount() {
        try {
            given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON).body(Map.of("name", "ACME Europe GmbH"))
                    .when().patch(ACCOUNT, "acme").then()
                    .statusCode(200)
                    .body("name", equalTo("ACME Europe GmbH"))
                    .body("parentId", equalTo("partner-one"));
            given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(ACCOUNT, "acme").then()
                    .body("name", equalTo("ACME Europe GmbH"));
        } finally {
            given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON).body(Map.of("name", "ACME GmbH"))
                    .when().patch(ACCOUNT, "acme").then()
                    .statusCode(200)
                    .body("name", equalTo("ACME GmbH"));
        }
    }

    @Test
    void concurrentRenamesEitherApplyOrConflictButNeverFail() throws Exception {
        String id = DemoTokens.fresh("race");
        create(PARTNER, id, "Race 0").then().statusCode(201);
        String token = DemoTokens.of(PARTNER);
        List<Callable<ValidatableResponse>> renames = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String name = "Race " + i;
            renames.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", name))
                    .when().patch(ACCOUNT, id).then());
        }
        ExecutorService pool = Executors.newFixedThreadPool(renames.size());
        try {
            for (Future<ValidatableResponse> answer : pool.invokeAll(renames)) {
                ValidatableResponse response = answer.get();
                int status = response.extract().statusCode();
                assertTrue(status == 200 || status == 409, "a concurrent rename answered " + status + ": "
                        + response.extract().asString());
                if (status == 409) {
                    response.contentType("application/problem+json").body("type", endsWith("/concurrent-update"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        String finalName = given().auth().oauth2(token).when().get(ACCOUNT, id).then().statusCode(200)
                .extract().jsonPath().getString("name");
        assertTrue(finalName.matches("Race [1-8]"), finalName);
    }

    private static Response create(String email, String id, String name) {
        return post(email, Map.of("id", id, "name", name));
    }

    private static Response post(String email, Map<String, ?> body) {
        return given().auth().oauth2(DemoTokens.of(email)).contentType(ContentType.JSON).body(body).when().post(ACCOUNTS);
    }
}
