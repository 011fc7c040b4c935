package dev.openpsi.osvadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static dev.openpsi.osvadapter.Fixtures.SUBSCRIBER;
import static dev.openpsi.osvadapter.Fixtures.ZOOM_USER;
import static dev.openpsi.osvadapter.Fixtures.ZOOM_USERS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.DecodedEvent;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.Topic;
import dev.openpsi.events.Traceparent;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.events.payload.provisioning.ZoomUserRemoved;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;

/**
 * "Zoom > Users" of the PBX manager: a Zoom user is linked to a Zoom-flagged number and an SBC
 * configuration, its email never changes, and every add, rename and delete reaches Zoom as an event.
 */
@QuarkusTest
class ZoomUsersTest {

    private static String sbc;

    @Inject
    EventCodec codec;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private Topics topics;

    @BeforeEach
    void sbcConfiguration() {
        topics = new Topics(bootstrap, codec);
        if (sbc == null) {
            sbc = Fixtures.publishedSbcConfiguration(topics, "acme", DemoTokens.of(ACME_ADMIN));
        }
    }

    @Test
    void anAdminAddsAZoomUserAndZoomHearsOfItOnce() {
        String dn = zoomNumber();
        String given = Fixtures.freshEmail("Jane.Doe").toUpperCase(Locale.ROOT);
        String email = given.toLowerCase(Locale.ROOT);
        post(ACME_ADMIN, Fixtures.zoomUser(given, "Jane", "Doe", sbc, dn, "+4989700700000")).then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/zoom-users/" + email))
                .body("account", equalTo("acme"))
                .body("email", equalTo(email))
                .body("firstName", equalTo("Jane"))
                .body("lastName", equalTo("Doe"))
                .body("dn", equalTo(dn))
                .body("sbcConfigurationId", equalTo(sbc))
                .body("voicemailCallbackNumber", equalTo("+4989700700000"))
                .body("createdAt", notNullValue());
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(ZOOM_USER, given).then()
                .statusCode(200)
                .body("email", equalTo(email))
                .body("dn", equalTo(dn));

        List<ConsumerRecord<String, byte[]>> events = provisioning(email, 1);
        assertEquals(1, events.size(), "exactly one event");
        ConsumerRecord<String, byte[]> record = events.get(0);
        assertEquals("acme/" + email, record.key());
        assertEquals(EventTypes.ZOOM_USER_LINKED.ceType(), Topics.header(record, CloudEventHeaders.TYPE));
        assertEquals("/openpsi/osv-adapter", Topics.header(record, CloudEventHeaders.SOURCE));
        assertEquals("acme", Topics.header(record, CloudEventHeaders.ACCOUNT));
        assertEquals(email, Topics.header(record, CloudEventHeaders.SUBJECT));
        assertEquals("1.0", Topics.header(record, CloudEventHeaders.SPEC_VERSION));
        assertNotNull(Traceparent.parse(Topics.header(record, CloudEventHeaders.TRACEPARENT)));
        ZoomUserLinked linked = decode(record).payloadAs(EventTypes.ZOOM_USER_LINKED);
        assertEquals(new ZoomUserLinked("acme", email, "Jane", "Doe", dn, sbc, "+4989700700000", linked.sipAccount()),
                linked);
        assertEquals(dn.substring(1), linked.sipAccount().userName(), "the subscriber's SIP account, password sealed");
    }

    @Test
    void anEmailWithUnusualCharactersIsStillAnAddress() {
        String dn = zoomNumber();
        String email = "o'neil+zoom#" + Fixtures.digits(6) + "@acme.example";
        String location = post(ACME_ADMIN, Fixtures.zoomUser(email, "Ann", "O'Neil", sbc, dn, null)).then()
                .statusCode(201)
                .body("email", equalTo(email))
                .extract().header("Location");
        given().auth().oauth2(DemoTokens.of(ACME_USER)).urlEncodingEnabled(false).when().get(location).then()
                .statusCode(200)
                .body("email", equalTo(email));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(ZOOM_USER, email).then()
                .statusCode(200)
                .body("lastName", equalTo("O'Neil"));
    }

    @Test
    void aRenameReachesZoomAsZoomUserUpdated() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("max.muster");
        post(ACME_ADMIN, Fixtures.zoomUser(email, "Max", "Muster", sbc, dn, null)).then().statusCode(201);

        Map<String, Object> renamed = Fixtures.zoomUser(email, "Maximilian", "Mustermann", sbc, dn, null);
        put(ACME_ADMIN, email, renamed).then()
                .statusCode(200)
                .body("firstName", equalTo("Maximilian"))
                .body("lastName", equalTo("Mustermann"))
                .body("voicemailCallbackNumber", nullValue());
        // saving the same state again is no change
        put(ACME_ADMIN, email, renamed).then().statusCode(200);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(ZOOM_USER, email).then()
                .body("firstName", equalTo("Maximilian"))
                .body("lastName", equalTo("Mustermann"));

        List<ConsumerRecord<String, byte[]>> events = provisioning(email, 2);
        assertEquals(List.of(EventTypes.ZOOM_USER_LINKED.ceType(), EventTypes.ZOOM_USER_UPDATED.ceType()),
                events.stream().map(r -> Topics.header(r, CloudEventHeaders.TYPE)).toList());
        ZoomUserUpdated renamedEvent = decode(events.get(1)).payloadAs(EventTypes.ZOOM_USER_UPDATED);
        assertEquals(new ZoomUserUpdated("acme", email, "Maximilian", "Mustermann", dn, sbc, null,
                renamedEvent.sipAccount()), renamedEvent);
        assertEquals(dn.substring(1), renamedEvent.sipAccount().userName());

        // a move to another Zoom number is an update too; the old number is free again
        String other = zoomNumber();
        Map<String, Object> moved = Fixtures.zoomUser(null, "Maximilian", "Mustermann", sbc, other, "+4989700700001");
        put(ACME_ADMIN, email, moved).then().statusCode(200).body("dn", equalTo(other)).body("email", equalTo(email));
        List<ConsumerRecord<String, byte[]>> after = provisioning(email, 3);
        assertEquals(3, after.size());
        ZoomUserUpdated movedEvent = decode(after.get(2)).payloadAs(EventTypes.ZOOM_USER_UPDATED);
        assertEquals(new ZoomUserUpdated("acme", email, "Maximilian", "Mustermann", other, sbc, "+4989700700001",
                movedEvent.sipAccount()), movedEvent);
        assertEquals(other.substring(1), movedEvent.sipAccount().userName(), "the new number's SIP account");
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(SUBSCRIBER, dn).then().statusCode(204);
    }

    @Test
    void aDeletionReachesZoomAsZoomUserRemoved() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("leaver");
        post(ACME_ADMIN, Fixtures.zoomUser(email, "Lea", "Ver", sbc, dn, null)).then().statusCode(201);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(ZOOM_USER, email).then().statusCode(204);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then().statusCode(404);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(ZOOM_USER, email).then().statusCode(404);

        List<ConsumerRecord<String, byte[]>> events = provisioning(email, 2);
        assertEquals(2, events.size(), "linked, then removed - once");
        assertEquals(EventTypes.ZOOM_USER_REMOVED.ceType(), Topics.header(events.get(1), CloudEventHeaders.TYPE));
        assertEquals(email, Topics.header(events.get(1), CloudEventHeaders.SUBJECT));
        assertEquals(new ZoomUserRemoved("acme", email, dn), decode(events.get(1)).payloadAs(EventTypes.ZOOM_USER_REMOVED));
        // the number is free: it can be deleted or given to another Zoom user
        post(ACME_ADMIN, Fixtures.zoomUser(Fixtures.freshEmail("next"), "Ne", "Xt", sbc, dn, null)).then().statusCode(201);
    }

    @Test
    void aNumberThatIsNoZoomUserFailsLikeThePbx() {
        String plain = Fixtures.freshDn();
        Fixtures.createSubscriber(DemoTokens.of(ACME_ADMIN), plain, false);
        String email = Fixtures.freshEmail("refused");
        post(ACME_ADMIN, Fixtures.zoomUser(email, "Re", "Fused", sbc, plain, null)).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("The action has failed"))
                .body("detail", containsString("The action has failed"))
                .body("detail", containsString(plain))
                .body("detail", containsString("not a Zoom user"))
                .body("type", endsWith("/dn-not-a-zoom-user"))
                .body("errors.field", contains("dn"));
        // a number that is no subscriber of the account at all
        String unknown = Fixtures.freshDn();
        post(ACME_ADMIN, Fixtures.zoomUser(email, "Re", "Fused", sbc, unknown, null)).then()
                .statusCode(422)
                .body("title", equalTo("The action has failed"))
                .body("detail", containsString("not a subscriber"))
                .body("errors.field", contains("dn"));
        // nothing was written, nothing published
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then().statusCode(404);
        assertEquals(List.of(), provisioning(email, 0));
    }

    @Test
    void anUnknownOrDeletedSbcConfigurationIsRefused() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("nosbc");
        post(ACME_ADMIN, Fixtures.zoomUser(email, "No", "Sbc", "sbc-never-published", dn, null)).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("The action has failed"))
                .body("type", endsWith("/unknown-sbc-configuration"))
                .body("errors.field", contains("sbcConfigurationId"));
        // every broken link is named at once
        post(ACME_ADMIN, Fixtures.zoomUser(email, "No", "Sbc", "sbc-never-published", Fixtures.freshDn(), null)).then()
                .statusCode(422)
                .body("errors.field", containsInAnyOrder("dn", "sbcConfigurationId"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then().statusCode(404);
        // another account's configuration does not exist here
        String globexDn = Fixtures.freshDn();
        Fixtures.createSubscriber(DemoTokens.of(GLOBEX_ADMIN), globexDn, true);
        given().auth().oauth2(DemoTokens.of(GLOBEX_ADMIN)).contentType(ContentType.JSON)
                .body(Fixtures.zoomUser(email, "No", "Sbc", sbc, globexDn, null)).when().post(ZOOM_USERS).then()
                .statusCode(422)
                .body("errors.field", contains("sbcConfigurationId"));
        assertEquals(List.of(), provisioning(email, 0));
    }

    @Test
    void theEmailNeverChanges() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("fixed");
        post(ACME_ADMIN, Fixtures.zoomUser(email, "Fi", "Xed", sbc, dn, null)).then().statusCode(201);
        String other = Fixtures.freshEmail("other");
        put(ACME_ADMIN, email, Fixtures.zoomUser(other, "Fi", "Renamed", sbc, dn, null)).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/email-immutable"))
                .body("errors.field", contains("email"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then()
                .statusCode(200).body("lastName", equalTo("Xed"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, other).then().statusCode(404);
        // the same email in other letters is the same email
        put(ACME_ADMIN, email, Fixtures.zoomUser(email.toUpperCase(Locale.ROOT), "Fi", "Renamed", sbc, dn, null)).then()
                .statusCode(200).body("email", equalTo(email)).body("lastName", equalTo("Renamed"));
        List<ConsumerRecord<String, byte[]>> events = provisioning(email, 2);
        assertEquals(2, events.size(), "linked and the one accepted rename");
        assertEquals(List.of(), provisioning(other, 0));
    }

    @Test
    void anEmailIsTakenOnceAndANumberHasOneZoomUser() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("once");
        post(ACME_ADMIN, Fixtures.zoomUser(email, "On", "Ce", sbc, dn, null)).then().statusCode(201);
        post(ACME_ADMIN, Fixtures.zoomUser(email, "Tw", "Ice", sbc, zoomNumber(), null)).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/zoom-user-exists"))
                .body("errors.field", contains("email"));
        String second = Fixtures.freshEmail("second");
        post(ACME_ADMIN, Fixtures.zoomUser(second, "Se", "Cond", sbc, dn, null)).then()
                .statusCode(422)
                .body("title", equalTo("The action has failed"))
                .body("type", endsWith("/dn-already-linked"))
                .body("detail", containsString(email))
                .body("errors.field", contains("dn"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then().body("firstName", equalTo("On"));
        assertEquals(1, provisioning(email, 1).size());
    }

    @Test
    void concurrentAddsOfOneNumberLinkItOnce() throws Exception {
        String dn = zoomNumber();
        String token = DemoTokens.of(ACME_ADMIN);
        List<String> emails = new ArrayList<>();
        List<Callable<Integer>> adds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String email = Fixtures.freshEmail("race" + i);
            emails.add(email);
            adds.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Fixtures.zoomUser(email, "Ra", "Ce", sbc, dn, null)).when().post(ZOOM_USERS).then()
                    .extract().statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(adds.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : pool.invokeAll(adds)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // one wins; the others fail like the PBX would (number already linked), never with a 500
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        String winner = emails.get(statuses.indexOf(201));
        given().auth().oauth2(token).when().get(ZOOM_USER, winner).then().statusCode(200).body("dn", equalTo(dn));
        for (String email : emails) {
            assertEquals(email.equals(winner) ? 1 : 0, provisioning(email, email.equals(winner) ? 1 : 0).size(), email);
        }
    }

    @Test
    void aLinkedNumberKeepsItsZoomFlagAndStays() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("linked");
        post(ACME_ADMIN, Fixtures.zoomUser(email, "Lin", "Ked", sbc, dn, null)).then().statusCode(201);
        Map<String, Object> unflag = Fixtures.subscriber(dn, false);
        unflag.remove("dn");
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON).body(unflag)
                .when().put(SUBSCRIBER, dn).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/subscriber-linked"))
                .body("detail", containsString(email))
                .body("errors.field", contains("zoomUser"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(SUBSCRIBER, dn).then()
                .statusCode(409)
                .body("type", endsWith("/subscriber-linked"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then()
                .statusCode(200).body("zoomUser", equalTo(true));
    }

    @Test
    void regularUsersReadButChangeNothing() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("readonly");
        post(ACME_USER, Fixtures.zoomUser(email, "Re", "Ad", sbc, dn, null)).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then().statusCode(404);

        post(ACME_ADMIN, Fixtures.zoomUser(email, "Re", "Ad", sbc, dn, null)).then().statusCode(201);
        put(ACME_USER, email, Fixtures.zoomUser(email, "Hi", "Jacked", sbc, dn, null)).then().statusCode(403);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().delete(ZOOM_USER, email).then().statusCode(403);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(ZOOM_USER, email).then()
                .statusCode(200).body("firstName", equalTo("Re"));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", 200).when().get(ZOOM_USERS).then()
                .statusCode(200).body("items.email", hasItem(email));
        assertEquals(1, provisioning(email, 1).size());
    }

    @Test
    void anotherAccountsZoomUserDoesNotExistForTheCaller() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("private");
        post(ACME_ADMIN, Fixtures.zoomUser(email, "Pri", "Vate", sbc, dn, null)).then().statusCode(201);
        String globex = DemoTokens.of(GLOBEX_ADMIN);
        given().auth().oauth2(globex).when().get(ZOOM_USER, email).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(globex).queryParam("account", "acme").when().get(ZOOM_USER, email).then().statusCode(404);
        given().auth().oauth2(globex).queryParam("account", "acme").when().get(ZOOM_USERS).then().statusCode(404);
        put(GLOBEX_ADMIN, email, Fixtures.zoomUser(email, "Hi", "Jacked", sbc, dn, null)).then().statusCode(404);
        given().auth().oauth2(globex).when().delete(ZOOM_USER, email).then().statusCode(404);
        given().auth().oauth2(globex).queryParam("account", "acme").when().delete(ZOOM_USER, email).then().statusCode(404);
        given().auth().oauth2(globex).queryParam("limit", 200).when().get(ZOOM_USERS).then()
                .statusCode(200).body("items.email", org.hamcrest.Matchers.not(hasItem(email)));
        // nor can it link acme's number
        post(GLOBEX_ADMIN, Fixtures.zoomUser(Fixtures.freshEmail("thief"), "Th", "Ief", sbc, dn, null)).then()
                .statusCode(422)
                .body("errors.field", hasItem("dn"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then()
                .statusCode(200).body("lastName", equalTo("Vate"));
        assertEquals(1, provisioning(email, 1).size());
    }

    @Test
    void aServiceAccountActsForTheAccountItNames() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("service");
        given().auth().oauth2(DemoTokens.service("osv-adapter")).queryParam("account", "acme").contentType(ContentType.JSON)
                .body(Fixtures.zoomUser(email, "Ser", "Vice", sbc, dn, null)).when().post(ZOOM_USERS).then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/zoom-users/" + email + "?account=acme"));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(ZOOM_USER, email).then().statusCode(200);
    }

    @Test
    void invalidInputNamesTheField() {
        String dn = zoomNumber();
        String email = Fixtures.freshEmail("valid");
        Map<String, Consumer<Map<String, Object>>> breakages = Map.ofEntries(
                Map.entry("email", b -> b.put("email", "no-at-sign.example")),
                Map.entry("email ", b -> b.put("email", "jane@localhost")),
                Map.entry("email  ", b -> b.put("email", "jane doe@acme.example")),
                Map.entry("email   ", b -> b.put("email", null)),
                Map.entry("email    ", b -> b.put("email", "j".repeat(250) + "@acme.example")),
                Map.entry("firstName", b -> b.put("firstName", " ")),
                Map.entry("firstName ", b -> b.put("firstName", "f".repeat(65))),
                Map.entry("lastName", b -> b.remove("lastName")),
                Map.entry("sbcConfigurationId", b -> b.remove("sbcConfigurationId")),
                Map.entry("sbcConfigurationId ", b -> b.put("sbcConfigurationId", "sbc munich")),
                Map.entry("dn", b -> b.put("dn", "089700712345")),
                Map.entry("voicemailCallbackNumber", b -> b.put("voicemailCallbackNumber", "8000")));
        for (Map.Entry<String, Consumer<Map<String, Object>>> breakage : breakages.entrySet()) {
            Map<String, Object> body = new HashMap<>(Fixtures.zoomUser(email, "Va", "Lid", sbc, dn, null));
            breakage.getValue().accept(body);
            post(ACME_ADMIN, body).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/validation"))
                    .body("errors.field", contains(breakage.getKey().strip()));
        }
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then().statusCode(404);
        post(ACME_ADMIN, Fixtures.zoomUser(email, "f".repeat(64), "Lid", sbc, dn, null)).then().statusCode(201);
    }

    @Test
    void zoomUsersArePagedByEmail() {
        String prefix = "page" + Fixtures.digits(8);
        List<String> emails = List.of(prefix + ".a@acme.example", prefix + ".b@acme.example", prefix + ".c@acme.example");
        for (String email : emails) {
            post(ACME_ADMIN, Fixtures.zoomUser(email, "Pa", "Ge", sbc, zoomNumber(), null)).then().statusCode(201);
        }
        List<String> page = given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", 2)
                // emails compare byte-wise: "<prefix>.@" sorts right before "<prefix>.a@"
                .queryParam("after", prefix + ".@acme.example").when().get(ZOOM_USERS).then()
                .statusCode(200)
                .body("next", equalTo(emails.get(1)))
                .extract().jsonPath().getList("items.email", String.class);
        assertEquals(emails.subList(0, 2), page);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", 1).queryParam("after", emails.get(1))
                .when().get(ZOOM_USERS).then()
                .statusCode(200)
                .body("items.email", contains(emails.get(2)));
    }

    /** A new Zoom-flagged subscriber of acme. */
    private static String zoomNumber() {
        String dn = Fixtures.freshDn();
        Fixtures.createSubscriber(DemoTokens.of(ACME_ADMIN), dn, true);
        return dn;
    }

    private List<ConsumerRecord<String, byte[]>> provisioning(String email, int expected) {
        return topics.read(Topic.PROVISIONING, r -> ("acme/" + email).equals(r.key()), expected, Duration.ofSeconds(30))
                .stream().sorted(Comparator.comparingLong(ConsumerRecord::offset)).toList();
    }

    private DecodedEvent<?> decode(ConsumerRecord<String, byte[]> record) {
        return codec.decode(Envelope.fromHeaders(record.headers()), record.value());
    }

    private static Response post(String user, Map<String, Object> body) {
        return given().auth().oauth2(DemoTokens.of(user)).contentType(ContentType.JSON).body(body).when().post(ZOOM_USERS);
    }

    private static Response put(String user, String email, Map<String, Object> body) {
        return given().auth().oauth2(DemoTokens.of(user)).contentType(ContentType.JSON).body(body)
                .when().put(ZOOM_USER, email);
    }
}
