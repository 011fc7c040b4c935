package dev.openpsi.cloudlinkdaemon;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.JOURNAL;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.awaitItems;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.freshEmail;
import static dev.openpsi.cloudlinkdaemon.JournalTestSupport.service;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.testkit.events.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Reading the journal: filters, keyset pages, visibility, properties changed, CSV, invalid filters. */
@QuarkusTest
class JournalQueryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** Three renames of one user of acme, oldest first; the journal rows newest first. */
    private JsonPath threeRenames(String email) {
        for (String first : List.of("Anna", "Anne", "Annika")) {
            TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_UPDATED,
                    new ZoomUserUpdated("acme", email, first, "Schmidt", "+4989700712345", UUID.randomUUID().toString(), null));
        }
        return awaitItems(Map.of("subject", email, "type", "ZoomUserUpdated"), 3);
    }

    @Test
    void filtersAndKeysetPagesNewestFirst() {
        Instant before = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String email = freshEmail("page");
        JsonPath all = threeRenames(email);
        assertEquals(3, all.getList("items").size());

        JsonPath first = given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN))
                .queryParam("subject", email).queryParam("type", "ZoomUserUpdated").queryParam("limit", 2)
                .when().get(JOURNAL).then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        String next = first.getString("next");
        assertNotNull(next);
        JsonPath second = given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN))
                .queryParam("subject", email).queryParam("type", "ZoomUserUpdated").queryParam("limit", 2)
                .queryParam("cursor", next)
                .when().get(JOURNAL).then().statusCode(200).body("items", hasSize(1)).extract().jsonPath();
        assertNull(second.getString("next"));
        List<Object> ids = new java.util.ArrayList<>(first.getList("items.id"));
        ids.addAll(second.getList("items.id"));
        assertEquals(all.getList("items.id"), ids, "pages continue where the previous one ended");
        List<Long> numeric = ids.stream().map(o -> ((Number) o).longValue()).toList();
        assertTrue(numeric.get(0) > numeric.get(1) && numeric.get(1) > numeric.get(2), "newest first: " + numeric);

        // each filter alone and combined keeps the three events
        for (Map<String, String> filter : List.of(
                Map.of("type", EventTypes.ZOOM_USER_UPDATED.ceType()),
                Map.of("topic", Topic.PROVISIONING.topicName(), "type", "ZoomUserUpdated"),
                Map.of("service", "osv-adapter", "type", "ZoomUserUpdated"),
                Map.of("account", "acme", "type", "ZoomUserUpdated", "dlq", "false"),
                Map.of("type", "ZoomUserUpdated", "from", before.toString(), "to", Instant.now().plusSeconds(60).toString()))) {
            given().auth().oauth2(service()).queryParam("subject", email).queryParams(filter).queryParam("limit", 500)
                    .when().get(JOURNAL).then().statusCode(200).body("items", hasSize(3));
        }
        // and each one that does not match drops them
        for (Map<String, String> filter : List.of(
                Map.of("type", "ZoomUserLinked"),
                Map.of("topic", Topic.MWI.topicName()),
                Map.of("service", "zoom-sync"),
                Map.of("account", "globex"),
                Map.of("dlq", "true"),
                Map.of("to", before.toString()),
                Map.of("from", Instant.now().plusSeconds(60).toString()))) {
            given().auth().oauth2(service()).queryParam("subject", email).queryParams(filter)
                    .when().get(JOURNAL).then().statusCode(200).body("items", hasSize(0));
        }
    }

    @Test
    void propertiesChangedShowsTheRenamedFirstName() {
        String email = freshEmail("diff");
        JsonPath all = threeRenames(email);
        long newest = all.getLong("items[0].id");
        long middle = all.getLong("items[1].id");
        long oldest = all.getLong("items[2].id");

        given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN)).when().get(JOURNAL + "/{id}", newest).then()
                .statusCode(200)
                .body("propertiesChanged.property", contains("firstName", "sbcConfigurationId"))
                .body("propertiesChanged.find { it.property == 'firstName' }.before", equalTo("Anne"))
                .body("propertiesChanged.find { it.property == 'firstName' }.after", equalTo("Annika"))
                .body("extraDetails.previousId", equalTo((int) middle))
                .body("coreDetails.event", equalTo("ZoomUserUpdated"));
        given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", middle).then().statusCode(200)
                .body("propertiesChanged.find { it.property == 'firstName' }.before", equalTo("Anna"))
                .body("propertiesChanged.find { it.property == 'firstName' }.after", equalTo("Anne"));
        given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", oldest).then().statusCode(200)
                .body("propertiesChanged", hasSize(0))
                .body("extraDetails.previousId", nullValue());
    }

    @Test
    void anotherAccountsEventsAreInvisible() {
        String email = freshEmail("mine");
        JsonPath all = threeRenames(email);
        long id = all.getLong("items[0].id");

        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).when().get(JOURNAL + "/{id}", id).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).queryParam("subject", email).when().get(JOURNAL)
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).queryParam("account", "acme").queryParam("limit", 500)
                .when().get(JOURNAL).then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).queryParam("limit", 500).when().get(JOURNAL)
                .then().statusCode(200).body("items.account", org.hamcrest.Matchers.everyItem(equalTo("globex")));
        // acme's partner and acme's admin see it; a plain user may not read the journal at all
        given().auth().oauth2(DemoTokens.of(DemoTokens.PARTNER)).when().get(JOURNAL + "/{id}", id).then().statusCode(200);
        given().auth().oauth2(DemoTokens.of(DemoTokens.PARTNER)).queryParam("subject", email).queryParam("type", "ZoomUserUpdated")
                .when().get(JOURNAL).then().statusCode(200).body("items", hasSize(3));
        // the events cloudlink-daemon itself produced for this user are journaled too
        given().auth().oauth2(DemoTokens.of(DemoTokens.PARTNER)).queryParam("subject", email).queryParam("service", "cloudlink-daemon")
                .when().get(JOURNAL).then().statusCode(200).body("items.event", hasItem("CloudLinkUserCreated"));
        given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN)).when().get(JOURNAL + "/{id}", id).then().statusCode(200);
        given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_USER)).when().get(JOURNAL).then().statusCode(403);
        given().when().get(JOURNAL).then().statusCode(401);
        given().auth().oauth2(service()).when().get(JOURNAL + "/{id}", Long.MAX_VALUE).then().statusCode(404);
    }

    @Test
    void aPlatformOperatorReadsEveryAccountAndAnAccountAdminOnlyItsOwn() {
        String operator = DemoTokens.of(ReplayTestSupport.OPERATOR);
        String acmeEmail = freshEmail("op");
        String globexEmail = "op." + UUID.randomUUID().toString().substring(0, 8) + "@globex.example.com";
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_UPDATED,
                new ZoomUserUpdated("acme", acmeEmail, "Olga", "Acme", "+4989700712346", UUID.randomUUID().toString(), null));
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_UPDATED,
                new ZoomUserUpdated("globex", globexEmail, "Olga", "Globex", "+4989700712347", UUID.randomUUID().toString(), null));
        long acmeId = awaitItems(Map.of("subject", acmeEmail, "type", "ZoomUserUpdated"), 1).getLong("items[0].id");
        long globexId = awaitItems(Map.of("subject", globexEmail, "type", "ZoomUserUpdated"), 1).getLong("items[0].id");

        // the operator (no account claim) lists, opens and exports the events of both accounts
        for (Map.Entry<String, Long> event : Map.of("acme", acmeId, "globex", globexId).entrySet()) {
            List<Long> listed = given().auth().oauth2(operator).queryParam("account", event.getKey())
                    .queryParam("type", "ZoomUserUpdated").queryParam("limit", 500).when().get(JOURNAL).then()
                    .statusCode(200).extract().jsonPath().getList("items.id", Long.class);
            assertTrue(listed.contains(event.getValue()), event + " in " + listed);
            given().auth().oauth2(operator).when().get(JOURNAL + "/{id}", event.getValue()).then().statusCode(200)
                    .body("coreDetails.account", equalTo(event.getKey()));
        }
        String csv = given().auth().oauth2(operator).accept("text/csv").queryParam("type", "ZoomUserUpdated")
                .queryParam("from", Instant.now().minus(5, ChronoUnit.MINUTES).toString())
                .when().get(JOURNAL).then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.contains("," + acmeEmail + ","), csv);
        assertTrue(csv.contains("," + globexEmail + ","), csv);

        // acme's admin stays scoped to acme: globex's event is not there for it (404 like a missing one)
        String admin = DemoTokens.of(DemoTokens.ACME_ADMIN);
        given().auth().oauth2(admin).when().get(JOURNAL + "/{id}", acmeId).then().statusCode(200);
        given().auth().oauth2(admin).when().get(JOURNAL + "/{id}", globexId).then().statusCode(404);
        given().auth().oauth2(admin).queryParam("subject", globexEmail).when().get(JOURNAL).then().statusCode(200)
                .body("items", hasSize(0));
        String adminCsv = given().auth().oauth2(admin).accept("text/csv").queryParam("type", "ZoomUserUpdated")
                .queryParam("from", Instant.now().minus(5, ChronoUnit.MINUTES).toString())
                .when().get(JOURNAL).then().statusCode(200).extract().asString();
        assertTrue(adminCsv.contains("," + acmeEmail + ","), adminCsv);
        assertFalse(adminCsv.contains(globexEmail), adminCsv);

        // a plain user has neither role: no list, no detail, no export
        String user = DemoTokens.of(DemoTokens.ACME_USER);
        given().auth().oauth2(user).when().get(JOURNAL).then().statusCode(403);
        given().auth().oauth2(user).when().get(JOURNAL + "/{id}", acmeId).then().statusCode(403);
        given().auth().oauth2(user).accept("text/csv").when().get(JOURNAL).then().statusCode(403);
    }

    @Test
    void csvExportHasAHeaderRowAndOneLinePerEvent() {
        String email = freshEmail("csv");
        JsonPath all = threeRenames(email);
        String csv = given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN)).accept("text/csv")
                .queryParam("subject", email).queryParam("type", "ZoomUserUpdated")
                .when().get(JOURNAL).then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("journal.csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(4, lines.length, csv);
        assertTrue(lines[0].startsWith("id,receivedAt,time,type,event,account,subject,topic"), lines[0]);
        for (int i = 1; i <= 3; i++) {
            assertTrue(lines[i].startsWith(all.getLong("items[" + (i - 1) + "].id") + ","), lines[i]);
            assertTrue(lines[i].contains(",ZoomUserUpdated,acme," + email + "," + Topic.PROVISIONING.topicName() + ","),
                    lines[i]);
        }
        // without Accept: text/csv the same URL answers JSON
        given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN)).queryParam("subject", email).when().get(JOURNAL)
                .then().statusCode(200).contentType(startsWith("application/json"));
        // the filters are checked before anything is streamed
        given().auth().oauth2(service()).accept("text/csv").queryParam("from", "yesterday").when().get(JOURNAL).then()
                .statusCode(400).body("errors.field", hasItem("from"));
    }

    @Test
    void invalidFiltersAreRefusedNamingTheParameter() {
        for (Map.Entry<String, String> bad : List.of(
                Map.entry("from", "2024-13-01"),
                Map.entry("to", "yesterday"),
                Map.entry("type", "foo.bar"),
                Map.entry("topic", "openpsi.nope.v1"),
                Map.entry("service", "nope"),
                Map.entry("account", "!!"),
                Map.entry("dlq", "maybe"),
                Map.entry("limit", "0"),
                Map.entry("limit", "501"),
                Map.entry("cursor", "not-a-cursor"))) {
            given().auth().oauth2(service()).queryParam(bad.getKey(), bad.getValue()).when().get(JOURNAL).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(bad.getKey()));
        }
        given().auth().oauth2(service()).queryParam("from", "2025-01-02T00:00:00Z").queryParam("to", "2025-01-01T00:00:00Z")
                .when().get(JOURNAL).then().statusCode(400).body("errors.field", hasItem("to"));
    }
}
