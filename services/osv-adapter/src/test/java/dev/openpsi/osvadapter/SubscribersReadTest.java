package dev.openpsi.osvadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static dev.openpsi.osvadapter.Fixtures.SUBSCRIBER;
import static dev.openpsi.osvadapter.Fixtures.SUBSCRIBERS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Everyone of an account reads its subscribers, page by page; nobody else sees them. */
@QuarkusTest
class SubscribersReadTest {

    @Test
    void withoutATokenNothingAnswers() {
        given().when().get(SUBSCRIBERS).then().statusCode(401);
        given().when().get(SUBSCRIBER, "+4989700712345").then().statusCode(401);
    }

    @Test
    void aUserPagesThroughTheSubscribersOfItsAccountOneByOne() {
        String prefix = "+4930" + Fixtures.digits(6);
        List<String> mine = List.of(prefix + "001", prefix + "002", prefix + "003");
        for (String dn : mine) {
            Fixtures.createSubscriber(DemoTokens.of(ACME_ADMIN), dn, dn.endsWith("2"));
        }
        List<String> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get(SUBSCRIBERS).then().statusCode(200).extract().jsonPath();
            List<String> dns = page.getList("items.dn", String.class);
            assertTrue(dns.size() <= 1, "limit=1 answered " + dns);
            assertTrue(page.getList("items.account", String.class).stream().allMatch("acme"::equals));
            paged.addAll(dns);
            after = page.getString("next");
            if (after != null) {
                assertEquals(dns.get(0), after, "next is the last DN of the page");
            }
            assertTrue(++pages < 10_000, "pagination does not end");
        } while (after != null);
        assertTrue(paged.containsAll(mine), paged.toString());
        assertEquals(paged.stream().sorted().distinct().toList(), paged, "every subscriber once, in DN order");

        // after skips to the following DNs
        JsonPath next = given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", 2).queryParam("after", mine.get(0))
                .when().get(SUBSCRIBERS).then().statusCode(200).extract().jsonPath();
        assertEquals(mine.subList(1, 3), next.getList("items.dn", String.class));
        // another account's users do not see them
        List<String> globex = given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).queryParam("limit", 200)
                .queryParam("after", prefix + "000").when().get(SUBSCRIBERS).then().statusCode(200)
                .extract().jsonPath().getList("items.dn", String.class);
        assertFalse(globex.stream().anyMatch(mine::contains), globex.toString());
    }

    @Test
    void theLastPageHasNoNext() {
        JsonPath last = given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("after", "+999999999999999")
                .when().get(SUBSCRIBERS).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), last.getList("items"));
        assertNull(last.getString("next"));
    }

    @Test
    void theLimitIsBetween1And200AndAfterIsADn() {
        for (int limit : new int[] {0, 201, -5}) {
            given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", limit).when().get(SUBSCRIBERS).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/validation"))
                    .body("errors.field", contains("limit"));
        }
        given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("after", "abc").when().get(SUBSCRIBERS).then()
                .statusCode(400).body("errors.field", contains("after"));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(SUBSCRIBER, "12345").then()
                .statusCode(400).body("errors.field", contains("dn"));
    }

    @Test
    void theApiIsDocumented() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("paths", hasKey(SUBSCRIBERS))
                .body("paths", hasKey(SUBSCRIBER))
                .body("paths", hasKey("/api/v1/resources"))
                .body("paths", hasKey(Fixtures.ZOOM_USERS))
                .body("paths", hasKey(Fixtures.ZOOM_USER))
                .body("paths", hasKey("/api/v1/zoom-users/import"))
                .body("paths", hasKey(Fixtures.SBC_CONFIGURATIONS))
                .body("paths.'/api/v1/subscribers'.post.responses.'201'.headers", hasKey("Location"))
                .body("paths.'/api/v1/subscribers'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/zoom-users'.post.responses.'422'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/zoom-users/import'.post.requestBody.content", hasKey("text/csv"))
                .body("components.schemas.SipCredentials.properties", hasKey("realm"))
                .body("components.schemas.Subscriber.properties.sipCredentials", org.hamcrest.Matchers.notNullValue());
    }
}
