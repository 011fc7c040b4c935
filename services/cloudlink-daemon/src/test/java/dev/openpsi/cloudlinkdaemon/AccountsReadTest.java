package dev.openpsi.cloudlinkdaemon;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.PARTNER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Who sees which account: own account, a partner's customers, service accounts everything; nothing else exists. */
@QuarkusTest
class AccountsReadTest {

    private static final String ACCOUNTS = "/api/v1/accounts";
    private static final String ACCOUNT = "/api/v1/accounts/{id}";

    @Test
    void withoutATokenNothingAnswers() {
        given().when().get(ACCOUNTS).then().statusCode(401);
        given().when().get(ACCOUNT, "acme").then().statusCode(401);
        given().contentType("application/json").body(Map.of("id", "nobody-" + System.nanoTime(), "name", "Nobody"))
                .when().post(ACCOUNTS).then().statusCode(401);
    }

    @Test
    void anotherCustomersAccountLooksExactlyLikeAMissingOne() {
        JsonPath foreign = given().auth().oauth2(DemoTokens.of(GLOBEX_USER)).when().get(ACCOUNT, "acme").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .extract().jsonPath();
        JsonPath missing = given().auth().oauth2(DemoTokens.of(GLOBEX_USER)).when().get(ACCOUNT, "no-such-account").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract().jsonPath();
        for (String member : List.of("type", "title", "status", "detail", "errors")) {
            assertEquals((Object) missing.get(member), foreign.get(member), member);
        }
        // an admin of the other customer fares no better
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).when().get(ACCOUNT, "acme").then().statusCode(404);
        // nor does a customer looking at its partner
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ACCOUNT, "partner-one").then().statusCode(404);
    }

    @Test
    void membersOfAnAccountReadIt() {
        for (String member : List.of(ACME_ADMIN, ACME_USER)) {
            given().auth().oauth2(DemoTokens.of(member)).when().get(ACCOUNT, "acme").then()
                    .statusCode(200)
                    .contentType("application/json")
                    .body("id", equalTo("acme"))
                    .body("name", equalTo("ACME GmbH"))
                    .body("type", equalTo("CUSTOMER"))
                    .body("parentId", equalTo("partner-one"))
                    .body("createdAt", notNullValue())
                    .body("updatedAt", notNullValue());
        }
        given().auth().oauth2(DemoTokens.of(PARTNER)).when().get(ACCOUNT, "partner-one").then()
                .statusCode(200)
                .body("type", equalTo("PARTNER"))
                .body("name", equalTo("Partner One"))
                .body("parentId", nullValue())
                .body("integrationsEnabled", equalTo(false));
    }

    @Test
    void aPartnerReadsItsCustomers() {
        given().auth().oauth2(DemoTokens.of(PARTNER)).when().get(ACCOUNT, "globex").then()
                .statusCode(200)
                .body("name", equalTo("Globex Corp"))
                .body("parentId", equalTo("partner-one"));
    }

    @Test
    void aCustomerListsOnlyItself() {
        given().auth().oauth2(DemoTokens.of(GLOBEX_USER)).when().get(ACCOUNTS).then()
                .statusCode(200)
                .body("items.id", contains("globex"))
                .body("next", nullValue());
    }

    @Test
    void aPartnerListsItsAccountAndItsCustomers() {
        given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", 200).when().get(ACCOUNTS).then()
                .statusCode(200)
                .body("items.id", hasItems("partner-one", "acme", "globex"))
                .body("items.findAll { it.id != 'partner-one' }.parentId", everyItem(equalTo("partner-one")))
                .body("next", nullValue());
    }

    @Test
    void aPartnerPagesThroughItsAccountsOneByOne() {
        List<String> all = given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", 200).when().get(ACCOUNTS).then()
                .statusCode(200).extract().jsonPath().getList("items.id", String.class);

        List<String> paged = new ArrayList<>();
        String after = null;
        do {
            var request = given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get(ACCOUNTS).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id", String.class);
            assertTrue(ids.size() <= 1, "limit=1 answered " + ids);
            paged.addAll(ids);
            after = page.getString("next");
            if (after != null) {
                assertEquals(ids.get(0), after, "next is the last id of the page");
            }
            assertTrue(paged.size() <= all.size() + 10, "pagination does not end: " + paged);
        } while (after != null);

        // every account once, in id order, and the same set as one big page (accounts created meanwhile aside)
        assertTrue(paged.containsAll(List.of("partner-one", "acme", "globex")), paged.toString());
        assertEquals(paged.stream().sorted().distinct().toList(), paged);
        assertTrue(paged.containsAll(all), "paged " + paged + " lacks some of " + all);
    }

    @Test
    void afterSkipsToTheFollowingIds() {
        JsonPath page = given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", 1).queryParam("after", "acme")
                .when().get(ACCOUNTS).then().statusCode(200).extract().jsonPath();
        assertEquals(1, page.getList("items").size());
        // ids compare byte-wise: after "acme" comes "acme-..." or "globex" etc., never "acme" itself
        assertTrue(page.getString("items[0].id").compareTo("acme") > 0);
        JsonPath last = given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("after", "zzzz")
                .when().get(ACCOUNTS).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), last.getList("items"));
        assertNull(last.getString("next"));
    }

    @Test
    void theLimitIsBetween1And200() {
        for (int limit : new int[] {0, 201, -5}) {
            given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", limit).when().get(ACCOUNTS).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/validation"))
                    .body("errors.field", contains("limit"));
        }
        given().auth().oauth2(DemoTokens.of(PARTNER)).queryParam("limit", 200).when().get(ACCOUNTS).then().statusCode(200);
    }

    @Test
    void theAccountsApiIsDocumented() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("paths", hasKey(ACCOUNTS))
                .body("paths", hasKey(ACCOUNT))
                .body("paths", hasKey(ACCOUNT + "/integrations"))
                .body("paths.'/api/v1/accounts'.post.responses.'201'.content", hasKey("application/json"))
                .body("paths.'/api/v1/accounts'.post.responses.'201'.headers", hasKey("Location"))
                .body("paths.'/api/v1/accounts'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/accounts/{id}/integrations'.put.responses.'422'.content", hasKey("application/problem+json"));
    }

    @Test
    void aServiceAccountSeesEveryAccount() {
        String service = DemoTokens.service("cloudlink-daemon");
        given().auth().oauth2(service).queryParam("limit", 200).when().get(ACCOUNTS).then()
                .statusCode(200)
                .body("items.id", hasItems("partner-one", "acme", "globex"));
        given().auth().oauth2(service).when().get(ACCOUNT, "globex").then().statusCode(200).body("id", equalTo("globex"));
        given().auth().oauth2(service).when().get(ACCOUNT, "no-such-account").then().statusCode(404);
    }
}
