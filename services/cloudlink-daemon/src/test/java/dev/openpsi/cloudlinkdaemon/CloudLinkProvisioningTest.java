package dev.openpsi.cloudlinkdaemon;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.DeadLetterReason;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.provisioning.CloudLinkUserCreated;
import dev.openpsi.events.payload.provisioning.LicenseAssigned;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.events.payload.provisioning.ZoomUserRemoved;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.testkit.events.TestEvents;
import io.quarkus.test.junit.QuarkusTest;

/** Zoom users of the PBX side become CloudLink users holding the ZoomPSI licence, and stop being them. */
@QuarkusTest
class CloudLinkProvisioningTest {

    private static final String USERS = "/api/v1/accounts/{account}/cloudlink-users";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String freshEmail() {
        return "anna." + UUID.randomUUID().toString().substring(0, 8) + "@acme.example.com";
    }

    private static ZoomUserLinked linked(String account, String email, String first) {
        return new ZoomUserLinked(account, email, first, "Schmidt", "+4989700712345", UUID.randomUUID().toString(), null);
    }

    private int userStatus(String account, String email) {
        return given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN)).when()
                .get(USERS + "/{email}", account, email).then().extract().statusCode();
    }

    private List<ConsumerRecord<String, byte[]>> published(dev.openpsi.events.EventType<?> type, String email, int expected) {
        return TestEvents.read(bootstrap, Topic.PROVISIONING.topicName(),
                TestEvents.ofType(type, "acme").and(r -> r.key().equals("acme/" + email)), expected, Duration.ofSeconds(20));
    }

    private String firstName(String email) {
        return given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN)).when().get(USERS + "/{email}", "acme", email)
                .then().extract().path("firstName");
    }

    @Test
    void aLinkedZoomUserBecomesACloudLinkUserWithTheZoomPsiLicenceOnce() {
        String email = freshEmail();
        Envelope cause = TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                linked("acme", email, "Anna"));
        TestEvents.await("the CloudLink user", Duration.ofSeconds(30), () -> userStatus("acme", email) == 200);

        given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_USER)).when().get(USERS + "/{email}", "acme", email).then()
                .statusCode(200)
                .body("email", equalTo(email))
                .body("firstName", equalTo("Anna"))
                .body("licenses", contains(LicenseAssigned.ZOOM_PSI));

        List<ConsumerRecord<String, byte[]>> created = published(EventTypes.CLOUDLINK_USER_CREATED, email, 1);
        List<ConsumerRecord<String, byte[]>> licensed = published(EventTypes.LICENSE_ASSIGNED, email, 1);
        assertEquals(1, created.size());
        assertEquals(1, licensed.size());
        CloudLinkUserCreated user = TestEvents.payload(EventTypes.CLOUDLINK_USER_CREATED, created.get(0));
        String clUserId = given().auth().oauth2(DemoTokens.of(DemoTokens.ACME_ADMIN)).when()
                .get(USERS + "/{email}", "acme", email).then().extract().path("clUserId");
        assertEquals(clUserId, user.clUserId());
        Envelope effect = Envelope.fromHeaders(created.get(0).headers());
        assertEquals("/openpsi/cloudlink-daemon", effect.source());
        assertEquals(cause.traceContext().orElseThrow().traceId(), effect.traceContext().orElseThrow().traceId(),
                "the CloudLink events continue the trace of the PBX-side event");

        // the same Zoom user linked again (a redelivery, or a relink): no second user, no second licence.
        // A rename behind it on the same key shows when the relink has been handled.
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED, linked("acme", email, "Anna"));
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED, linked("acme", email, "Anne"));
        TestEvents.await("the relinks handled", Duration.ofSeconds(30), () -> "Anne".equals(firstName(email)));
        assertEquals(1, TestEvents.read(bootstrap, Topic.PROVISIONING.topicName(), TestEvents.ofType(EventTypes.CLOUDLINK_USER_CREATED,
                "acme").and(r -> r.key().equals("acme/" + email)), 2, Duration.ofSeconds(3)).size());
        assertEquals(1, TestEvents.read(bootstrap, Topic.PROVISIONING.topicName(), TestEvents.ofType(EventTypes.LICENSE_ASSIGNED,
                "acme").and(r -> r.key().equals("acme/" + email)), 2, Duration.ofSeconds(3)).size());
    }

    @Test
    void renamesAndDeletionsOfThePbxSideReachCloudLinkAndFreeTheLicence() {
        String email = freshEmail();
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED, linked("acme", email, "Anna"));
        TestEvents.await("the CloudLink user", Duration.ofSeconds(30), () -> userStatus("acme", email) == 200);

        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_UPDATED,
                new ZoomUserUpdated("acme", email, "Annemarie", "Schmidt-Weiß", "+4989700712345", UUID.randomUUID().toString(), null));
        TestEvents.await("the rename", Duration.ofSeconds(30), () -> "Annemarie".equals(firstName(email)));

        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_REMOVED,
                new ZoomUserRemoved("acme", email, "+4989700712345"));
        TestEvents.await("the removal", Duration.ofSeconds(30), () -> userStatus("acme", email) == 404);
        assertEquals(1, published(EventTypes.LICENSE_REVOKED, email, 1).size(), "the PSI licence is given back");
        assertEquals(1, published(EventTypes.CLOUDLINK_USER_REMOVED, email, 1).size());
    }

    @Test
    void aZoomUserOfAnAccountCloudLinkDoesNotKnowIsDeadLettered() {
        String email = freshEmail();
        Envelope sent = TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                linked("no-such-account", email, "Anna"));
        List<ConsumerRecord<String, byte[]>> dead = TestEvents.read(bootstrap, Topic.PROVISIONING.dlqName(),
                r -> sent.id().toString().equals(TestEvents.header(r, CloudEventHeaders.ID)), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertEquals(DeadLetterReason.HANDLER_REJECTED.name(), TestEvents.header(dead.get(0), CloudEventHeaders.DLQ_REASON));
        assertEquals("openpsi.cloudlink-daemon", TestEvents.header(dead.get(0), CloudEventHeaders.DLQ_CONSUMER));
    }

    @Test
    void usersOfAnAccountAreVisibleToItsPeopleAndItsPartnerOnly() {
        String email = freshEmail();
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED, linked("acme", email, "Anna"));
        TestEvents.await("the CloudLink user", Duration.ofSeconds(30), () -> userStatus("acme", email) == 200);
        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).when().get(USERS, "acme").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DemoTokens.of(DemoTokens.GLOBEX_ADMIN)).when().get(USERS + "/{email}", "acme", email).then()
                .statusCode(404);
        given().auth().oauth2(DemoTokens.of(DemoTokens.PARTNER)).queryParam("limit", 200).when().get(USERS, "acme").then()
                .statusCode(200).body("items.email", hasItem(email));
    }
}
