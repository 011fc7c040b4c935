package dev.openpsi.osvadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The OSV numbers the PBX manager picks from (DOMAIN.md "PBX side"): every subscriber is listed,
 * a search only finds Zoom-flagged ones, with '*' as wildcard.
 */
@QuarkusTest
class OsvResourcesTest {

    private static final String RESOURCES = "/api/v1/resources";

    /** Digits of this test's numbers, without 7 so that no number contains 7123 by chance. */
    private String token;
    private String zoomMunich;
    private String zoomBerlin;
    private String plainMunich;
    private String zoom7123;
    private String plain7123;

    @BeforeEach
    void numbers() {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            t.append("012345689".charAt(ThreadLocalRandom.current().nextInt(9)));
        }
        token = t.toString();
        zoomMunich = "+4989" + token + "001";
        zoomBerlin = "+4930" + token + "002";
        plainMunich = "+4989" + token + "003";
        zoom7123 = "+4969" + token.substring(0, 4) + "7123" + "5";
        plain7123 = "+4969" + token.substring(0, 4) + "7123" + "6";
        String admin = DemoTokens.of(ACME_ADMIN);
        Fixtures.createSubscriber(admin, zoomMunich, true);
        Fixtures.createSubscriber(admin, zoomBerlin, true);
        Fixtures.createSubscriber(admin, plainMunich, false);
        Fixtures.createSubscriber(admin, zoom7123, true);
        Fixtures.createSubscriber(admin, plain7123, false);
    }

    @Test
    void withoutASearchEverySubscriberIsListed() {
        List<Map<String, Object>> all = numbers(ACME_USER, null);
        List<Object> dns = all.stream().map(n -> n.get("dn")).toList();
        assertTrue(dns.containsAll(List.of(zoomMunich, zoomBerlin, plainMunich, zoom7123, plain7123)), dns.toString());
        assertTrue(all.stream().anyMatch(n -> n.get("dn").equals(plainMunich) && n.get("zoomUser").equals(false)));
        assertTrue(all.stream().anyMatch(n -> n.get("dn").equals(zoomMunich) && n.get("zoomUser").equals(true)));
        assertEquals(dns.stream().map(String::valueOf).sorted().toList(), dns, "in DN order");
        // an empty search is no search
        assertEquals(dns.size(), numbers(ACME_USER, "").size());
    }

    @Test
    void aSearchFindsOnlyZoomFlaggedNumbers() {
        assertEquals(List.of(zoomMunich, zoomBerlin).stream().sorted().toList(), dns(numbers(ACME_USER, "*" + token + "*")));
        // *7123* (the PBX manager's example): contains 7123, Zoom-flagged only
        List<Map<String, Object>> found = numbers(ACME_USER, "*7123*");
        assertTrue(dns(found).contains(zoom7123), dns(found).toString());
        assertFalse(dns(found).contains(plain7123));
        assertFalse(dns(found).contains(zoomMunich));
        assertTrue(found.stream().allMatch(n -> n.get("zoomUser").equals(true) && n.get("dn").toString().contains("7123")),
                found.toString());
    }

    @Test
    void wildcardsAnchorWhereThereIsNone() {
        // a prefix
        assertEquals(List.of(zoomMunich), dns(numbers(ACME_USER, "+4989" + token + "*")));
        // a suffix
        assertEquals(List.of(zoomBerlin), dns(numbers(ACME_USER, "*" + token + "002")));
        // wildcards in the middle too
        assertEquals(List.of(zoomBerlin, zoomMunich), dns(numbers(ACME_USER, "+49*" + token + "*")));
        // no wildcard: the whole number
        assertEquals(List.of(zoomMunich), dns(numbers(ACME_USER, zoomMunich)));
        assertEquals(List.of(), dns(numbers(ACME_USER, "+4989" + token)));
        assertEquals(List.of(), dns(numbers(ACME_USER, plainMunich)), "not Zoom-flagged");
    }

    @Test
    void searchResultsArePaged() {
        JsonPath first = given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("search", "*" + token + "*")
                .queryParam("limit", 1).when().get(RESOURCES).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(zoomBerlin), first.getList("items.dn"));
        assertEquals(zoomBerlin, first.getString("next"));
        JsonPath second = given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("search", "*" + token + "*")
                .queryParam("limit", 1).queryParam("after", first.getString("next")).when().get(RESOURCES).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(zoomMunich), second.getList("items.dn"));
        assertNull(second.getString("next"), "the last page");
    }

    @Test
    void anotherAccountHasOtherNumbers() {
        assertEquals(List.of(), dns(numbers(GLOBEX_ADMIN, "*" + token + "*")));
        assertFalse(dns(numbers(GLOBEX_ADMIN, null)).contains(zoomMunich));
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).queryParam("account", "acme").when().get(RESOURCES).then()
                .statusCode(404);
        given().auth().oauth2(DemoTokens.service("osv-adapter")).queryParam("account", "acme").queryParam("search", zoomMunich)
                .when().get(RESOURCES).then().statusCode(200).body("items.dn", contains(zoomMunich));
    }

    @Test
    void aSearchIsDigitsPlusAndStars() {
        for (String search : List.of("abc", "+49%", "+49_1", "*".repeat(33), "+49 89")) {
            given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("search", search).when().get(RESOURCES).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("search"));
        }
    }

    /** Every number the search finds, all pages. */
    private static List<Map<String, Object>> numbers(String user, String search) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        do {
            var request = given().auth().oauth2(DemoTokens.of(user)).queryParam("limit", 200);
            if (search != null) {
                request.queryParam("search", search);
            }
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get(RESOURCES).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            after = page.getString("next");
        } while (after != null);
        return all;
    }

    private static List<String> dns(List<Map<String, Object>> numbers) {
        return numbers.stream().map(n -> String.valueOf(n.get("dn"))).toList();
    }
}
