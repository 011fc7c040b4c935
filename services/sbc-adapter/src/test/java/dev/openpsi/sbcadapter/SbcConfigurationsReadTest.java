package dev.openpsi.sbcadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.PARTNER;
import static dev.openpsi.sbcadapter.SbcConfigurationsWriteTest.CONFIGURATION;
import static dev.openpsi.sbcadapter.SbcConfigurationsWriteTest.CONFIGURATIONS;
import static dev.openpsi.sbcadapter.SbcConfigurationsWriteTest.config;
import static dev.openpsi.sbcadapter.SbcConfigurationsWriteTest.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Everyone of an account reads its SBC configurations, page by page in name order; nobody else sees them. */
@QuarkusTest
class SbcConfigurationsReadTest {

    @Test
    void withoutATokenNothingAnswers() {
        given().when().get(CONFIGURATIONS).then().statusCode(401);
        given().when().get(CONFIGURATION, UUID.randomUUID()).then().statusCode(401);
        given().contentType("application/json").body(config("Anonymous", "sbc.acme.example", 65061, "TLS"))
                .when().post(CONFIGURATIONS).then().statusCode(401);
    }

    @Test
    void everyoneOfTheAccountReadsItsConfigurations() {
        String name = DemoTokens.fresh("Readable");
        String id = create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then().statusCode(201)
                .extract().path("id");
        for (String member : List.of(ACME_ADMIN, ACME_USER)) {
            given().auth().oauth2(DemoTokens.of(member)).when().get(CONFIGURATION, id).then()
                    .statusCode(200)
                    .contentType("application/json")
                    .body("name", equalTo(name));
            given().auth().oauth2(DemoTokens.of(member)).queryParam("after", name.substring(0, name.length() - 1))
                    .queryParam("limit", 1).when().get(CONFIGURATIONS).then()
                    .statusCode(200)
                    .body("items.id", contains(id));
        }
        // naming one's own account changes nothing
        given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("account", "acme").when().get(CONFIGURATION, id).then()
                .statusCode(200);
    }

    @Test
    void aListShowsTheCallersAccountOnly() {
        String acme = create(ACME_ADMIN, config(DemoTokens.fresh("Listed"), "sbc.acme.example", 65061, "TLS")).then()
                .statusCode(201).extract().path("id");
        List<String> globex = allIds(GLOBEX_ADMIN, null);
        assertTrue(!globex.contains(acme), "globex lists an acme configuration: " + globex);
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).queryParam("limit", 200).when().get(CONFIGURATIONS).then()
                .statusCode(200)
                .body("items.account", everyItem(equalTo("globex")));
        // a partner sees its own account's, not its customers'
        given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", 200).when().get(CONFIGURATIONS).then()
                .statusCode(200)
                .body("items.id", not(hasItem(acme)));
        // another account cannot be named
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).queryParam("account", "acme").when().get(CONFIGURATIONS).then()
                .statusCode(404)
                .contentType("application/problem+json");
        // a service names the account it reads
        assertTrue(allIds(null, "acme").contains(acme));
        given().auth().oauth2(DemoTokens.service("sbc-adapter")).when().get(CONFIGURATIONS).then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void pagesOfOneFollowNextThroughEveryConfigurationInNameOrder() {
        String prefix = "Paged " + UUID.randomUUID().toString().substring(0, 8);
        // names compare ignoring case
        List<String> names = List.of(prefix + " alpha", prefix.toUpperCase(Locale.ROOT) + " BRAVO", prefix + " charlie");
        List<String> ids = new ArrayList<>();
        for (String name : List.of(names.get(2), names.get(0), names.get(1))) {
            create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then().statusCode(201);
        }
        List<String> pagedNames = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get(CONFIGURATIONS).then().statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.name", String.class);
            assertTrue(items.size() <= 1, "limit=1 answered " + items);
            pagedNames.addAll(items);
            ids.addAll(page.getList("items.id", String.class));
            after = page.getString("next");
            if (after != null) {
                assertEquals(items.get(0), after, "next is the name of the page's last configuration");
            }
            assertTrue(++pages < 10_000, "pagination does not end");
        } while (after != null);

        List<String> ours = pagedNames.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)))
                .toList();
        assertEquals(names, ours, "our configurations, each once, in name order ignoring case");
        List<String> folded = pagedNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        assertEquals(folded.stream().sorted().distinct().toList(), folded, "every configuration once, in name order");
        assertEquals(ids.stream().distinct().count(), ids.size());
        // the same configurations as one big page, as far as it goes
        List<String> big = given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", 200).when().get(CONFIGURATIONS)
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertEquals(ids.subList(0, Math.min(ids.size(), big.size())), big.subList(0, Math.min(ids.size(), big.size())));
    }

    @Test
    void theDefaultPageIsFiftyAndAfterTheLastNameNothingFollows() {
        for (int i = 0; i < 3; i++) {
            create(ACME_ADMIN, config(DemoTokens.fresh("Filler"), "sbc.acme.example", 65061, "TLS")).then().statusCode(201);
        }
        int total = allIds(ACME_USER, null).size();
        JsonPath page = given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(CONFIGURATIONS).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(Math.min(total, 50), page.getList("items").size(), "a default page of " + total + " configurations");
        assertEquals(total > 50, page.getString("next") != null, "next only when more follow");
        JsonPath last = given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("after", "~~~~")
                .when().get(CONFIGURATIONS).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), last.getList("items"));
        assertNull(last.getString("next"));
    }

    @Test
    void theLimitIsBetween1And200AndIdsAreUuids() {
        for (int limit : new int[] {0, 201, -5}) {
            given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", limit).when().get(CONFIGURATIONS).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/validation"))
                    .body("errors.field", contains("limit"));
        }
        given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", 200).when().get(CONFIGURATIONS).then()
                .statusCode(200);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("account", "no/such").when().get(CONFIGURATIONS).then()
                .statusCode(400)
                .body("errors.field", contains("account"));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(CONFIGURATION, "not-a-uuid").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("id"));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(CONFIGURATION, UUID.randomUUID()).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void theSbcConfigurationsApiIsDocumented() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("paths", hasKey(CONFIGURATIONS))
                .body("paths", hasKey(CONFIGURATION))
                .body("paths.'/api/v1/sbc-configurations'.get.tags", contains("SBC configurations"))
                .body("paths.'/api/v1/sbc-configurations'.post.responses.'201'.headers", hasKey("Location"))
                .body("paths.'/api/v1/sbc-configurations'.post.responses.'201'.content", hasKey("application/json"))
                .body("paths.'/api/v1/sbc-configurations'.post.responses.'400'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/sbc-configurations'.post.responses.'409'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/sbc-configurations/{id}'.put.responses.'409'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/sbc-configurations/{id}'.get.responses.'404'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/sbc-configurations/{id}'.delete.responses", hasKey("204"))
                .body("components.schemas.SbcConfiguration.properties", hasKey("warnings"));
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .body("paths.'/api/v1/sbc-configurations'.post.parameters.find { it.name == 'account' }.in", equalTo("query"))
                .body("paths.'/api/v1/sbc-configurations'.get.parameters.find { it.name == 'account' }.schema.pattern",
                        not(nullValue()));
    }

    /** Every id of a caller's (or, for a service, the named account's) configurations, following next. */
    private static List<String> allIds(String email, String account) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            var request = given().auth().oauth2(email == null ? DemoTokens.service("sbc-adapter") : DemoTokens.of(email))
                    .queryParam("limit", 200);
            if (account != null) {
                request.queryParam("account", account);
            }
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get(CONFIGURATIONS).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            after = page.getString("next");
        } while (after != null);
        return ids;
    }
}
