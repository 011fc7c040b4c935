package dev.openpsi.zoomsync;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.provisioning.ProvisioningFailed;
import dev.openpsi.events.payload.provisioning.ProvisioningFailureReason;
import dev.openpsi.events.payload.provisioning.SipPhoneProvisioned;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.events.payload.provisioning.ZoomUserRemoved;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.registration.SipTransport;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.zoom.SipPhone;
import dev.openpsi.testkit.zoom.UserStatus;
import dev.openpsi.testkit.zoom.ZoomSimulator;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Provisioning end to end, through the real broker and the simulator: a linked user with SIP
 * credentials gets its desktop and mobile SIP phones in Zoom, status Idle and SipPhoneProvisioned;
 * renames and removals reach Zoom; users Zoom cannot take fail with the reason; Zoom errors are retried.
 */
@QuarkusTest
@WithTestResource(value = ZoomSimulatorResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ProvisioningTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    private String connectedAccount(String prefix, String sbcId) {
        String account = ZoomFixture.freshAccount(prefix);
        ZoomFixture.tenant(account);
        ZoomFixture.connectServerToServer(account).then().statusCode(200).body("oauthStatus", equalTo("Authorized"));
        TestEvents.publish(bootstrap, ServiceName.SBC_ADAPTER, EventTypes.SBC_CONFIGURATION_CHANGED,
                new SbcConfigurationChanged(account, sbcId, "Main SBC", "sbc." + account + ".example", 65061,
                        SipTransport.TLS, ConfigurationChange.CREATED));
        return account;
    }

    private static Response user(String account, String email) {
        return given().auth().oauth2(DemoTokens.service("zoom-sync")).queryParam("account", account).when()
                .get("/api/v1/zoom/users/{email}", email);
    }

    private static Response putCredentials(String account, String email, String password) {
        return given().auth().oauth2(DemoTokens.service("zoom-sync")).queryParam("account", account).contentType(ContentType.JSON)
                .body(Map.of("password", password)).when().put("/api/v1/zoom/users/{email}/sip-credentials", email);
    }

    private static void awaitStatus(String account, String email, String status) {
        ZoomFixture.await(WAIT, () -> {
            Response r = user(account, email);
            return r.statusCode() == 200 && status.equals(r.path("status"));
        });
    }

    private static List<SipPhone> phonesOf(ZoomSimulator sim, String account, String email) {
        return sim.sipPhones(account).stream().filter(p -> p.userEmail().equals(email)
                || p.userEmail().equals(email + ".mobile")).toList();
    }

    private dev.openpsi.events.Envelope link(String account, String email, String dn, String sbcId) {
        return TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                new ZoomUserLinked(account, email, "Anna", "Berg", dn, sbcId, "+4989700799999"));
    }

    @Test
    void aLinkedUserWithCredentialsGetsBothSipPhonesThenRenameAndRemovalReachZoom() {
        String sbcId = UUID.randomUUID().toString();
        String account = connectedAccount("prov", sbcId);
        ZoomSimulator sim = ZoomSimulatorResource.simulator();
        String email = "anna@" + account + ".example";
        sim.addUser(account, email, "Anna", "Berg");

        link(account, email, "+4989700712345", sbcId);
        awaitStatus(account, email, "Pending SIP credential");
        user(account, email).then().body("sipCredentialsStored", equalTo(false)).body("linked", equalTo(true));
        assertTrue(phonesOf(sim, account, email).isEmpty(), "no phones without SIP credentials");

        long started = System.nanoTime();
        putCredentials(account, email, "sip-Secret-1").then().statusCode(200)
                .body("sipCredentialsStored", equalTo(true))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("sip-Secret-1")));
        awaitStatus(account, email, "Idle");
        System.out.printf("provisioned in %d ms after the credentials arrived%n", (System.nanoTime() - started) / 1_000_000);

        List<SipPhone> phones = phonesOf(sim, account, email);
        assertEquals(Set.of(email, email + ".mobile"), phones.stream().map(SipPhone::userEmail).collect(Collectors.toSet()));
        for (SipPhone p : phones) {
            assertEquals("4989700712345", p.userName());
            assertEquals("4989700712345", p.authorizationName());
            assertEquals("sip-Secret-1", p.password());
            assertEquals("sbc." + account + ".example", p.domain());
            assertEquals("sbc." + account + ".example:65061", p.server().registerServer());
            assertEquals("sbc." + account + ".example:65061", p.server().proxyServer());
            assertEquals("TLS", p.server().transportProtocol());
            assertEquals("+4989700799999", p.voiceMail());
        }
        String desktop = phones.stream().filter(p -> p.userEmail().equals(email)).findFirst().orElseThrow().phoneId();
        String mobile = phones.stream().filter(p -> p.userEmail().endsWith(".mobile")).findFirst().orElseThrow().phoneId();
        user(account, email).then().body("desktopPhoneId", equalTo(desktop)).body("mobilePhoneId", equalTo(mobile))
                .body("zoomUserId", equalTo(sim.user(account, email).orElseThrow().id()));

        String sealed = pool.preparedQuery("select sip_password_sealed from psi_user where account = $1 and email = $2")
                .execute(Tuple.of(account, email)).await().indefinitely().iterator().next().getString(0);
        assertTrue(sealed.startsWith("v1.") && !sealed.contains("sip-Secret-1"), "SIP password sealed at rest");

        List<ConsumerRecord<String, byte[]>> provisioned = TestEvents.read(bootstrap, Topic.PROVISIONING.topicName(),
                TestEvents.ofType(EventTypes.SIP_PHONE_PROVISIONED, account), 1, WAIT);
        assertEquals(1, provisioned.size());
        SipPhoneProvisioned event = CODEC.decodeAs(EventTypes.SIP_PHONE_PROVISIONED, provisioned.get(0).value()).payload();
        assertEquals(new SipPhoneProvisioned(account, email, sim.user(account, email).orElseThrow().id(), desktop, mobile), event);
        assertFalse(new String(provisioned.get(0).value()).contains("sip-Secret-1"), "no secret in the event");

        // the mirror knows the phones at once
        assertEquals(2L, pool.preparedQuery("select count(*) from zoom_sip_phone where account = $1 and user_email = $2")
                .execute(Tuple.of(account, email)).await().indefinitely().iterator().next().getLong(0));

        // a new number on the PBX side: both phones get the new SIP user name
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_UPDATED,
                new ZoomUserUpdated(account, email, "Anna", "Berg-Huber", "+4989700712399", sbcId, "+4989700799999"));
        ZoomFixture.await(WAIT, () -> phonesOf(sim, account, email).stream().allMatch(p -> p.userName().equals("4989700712399")));
        assertEquals(Set.of(desktop, mobile), phonesOf(sim, account, email).stream().map(SipPhone::phoneId)
                .collect(Collectors.toSet()), "updated in place");
        user(account, email).then().body("lastName", equalTo("Berg-Huber"));

        // deleted on the PBX side: both phones go (the vendor forgets this)
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_REMOVED,
                new ZoomUserRemoved(account, email, "+4989700712399"));
        ZoomFixture.await(WAIT, () -> phonesOf(sim, account, email).isEmpty());
        ZoomFixture.await(WAIT, () -> user(account, email).statusCode() == 404);
    }

    @Test
    void usersZoomCannotTakeFailWithTheirReason() {
        String sbcId = UUID.randomUUID().toString();
        String account = connectedAccount("reasons", sbcId);
        ZoomSimulator sim = ZoomSimulatorResource.simulator();
        String missing = "nobody@" + account + ".example";
        String inactive = "inactive@" + account + ".example";
        String pending = "pending@" + account + ".example";
        sim.addUser(account, inactive, "In", "Active", UserStatus.INACTIVE);
        sim.addUser(account, pending, "Pen", "Ding", UserStatus.PENDING);
        Map<String, String> traces = new java.util.HashMap<>();
        for (String email : List.of(missing, inactive, pending)) {
            putCredentials(account, email, "pw-" + email).then().statusCode(200).body("status", equalTo("Pending SIP credential"));
            traces.put(email, link(account, email, "+49897007" + Math.abs(email.hashCode() % 100000), sbcId)
                    .traceContext().orElseThrow().traceId());
        }
        awaitStatus(account, missing, "Failed");
        awaitStatus(account, inactive, "Failed");
        awaitStatus(account, pending, "Failed");
        user(account, missing).then().body("failureReason", equalTo("ZoomUserNotFound"));
        user(account, inactive).then().body("failureReason", equalTo("ZoomUserStatusInactive"));
        user(account, pending).then().body("failureReason", equalTo("ZoomUserStatusPending"));

        List<ConsumerRecord<String, byte[]>> records = TestEvents.read(bootstrap, Topic.PROVISIONING.topicName(),
                TestEvents.ofType(EventTypes.PROVISIONING_FAILED, account), 3, WAIT);
        Map<String, ProvisioningFailureReason> reasons = records.stream()
                .map(r -> CODEC.decodeAs(EventTypes.PROVISIONING_FAILED, r.value()).payload())
                .collect(Collectors.toMap(ProvisioningFailed::email, ProvisioningFailed::reasonCode));
        for (ConsumerRecord<String, byte[]> r : records) {
            String email = CODEC.decodeAs(EventTypes.PROVISIONING_FAILED, r.value()).payload().email();
            assertEquals(traces.get(email), dev.openpsi.events.Traceparent.parse(TestEvents.header(r, "traceparent")).traceId(),
                    "the failure continues the trace of the ZoomUserLinked that caused it");
        }
        assertEquals(Map.of(missing, ProvisioningFailureReason.ZOOM_USER_NOT_FOUND,
                inactive, ProvisioningFailureReason.ZOOM_USER_STATUS_INACTIVE,
                pending, ProvisioningFailureReason.ZOOM_USER_STATUS_PENDING), reasons);
        assertTrue(sim.sipPhones(account).isEmpty());
    }

    @Test
    void phonesZoomAlreadyHasAreTakenOverAndUpdated() {
        String sbcId = UUID.randomUUID().toString();
        String account = connectedAccount("takeover", sbcId);
        ZoomSimulator sim = ZoomSimulatorResource.simulator();
        String email = "legacy@" + account + ".example";
        sim.addUser(account, email, "Leg", "Acy");
        String existing = sim.addSipPhone(account, SipPhone.of(email, "old", "old", "old-pw", "old.example", "old.example:5060"))
                .phoneId();
        putCredentials(account, email, "pw-new").then().statusCode(200);
        link(account, email, "+4989700733333", sbcId);
        awaitStatus(account, email, "Idle");
        user(account, email).then().body("desktopPhoneId", equalTo(existing));
        SipPhone desktop = sim.sipPhone(account, existing).orElseThrow();
        assertEquals("4989700733333", desktop.userName());
        assertEquals("pw-new", desktop.password());
        assertEquals("sbc." + account + ".example:65061", desktop.server().registerServer());
        assertEquals(2, phonesOf(sim, account, email).size());
    }

    @Test
    void zoomServerErrorsAreRetriedAndPersistentOnesEndInZoomApiError() {
        String sbcId = UUID.randomUUID().toString();
        String account = connectedAccount("retry", sbcId);
        ZoomSimulator sim = ZoomSimulatorResource.simulator();
        String email = "flaky@" + account + ".example";
        sim.addUser(account, email, "Fla", "Ky");
        putCredentials(account, email, "pw-flaky").then().statusCode(200);

        sim.failNext(ZoomSimulator.GET_USER, 2, 500);
        sim.failNext(ZoomSimulator.CREATE_SIP_PHONE, 1, 503);
        link(account, email, "+4989700711111", sbcId);
        awaitStatus(account, email, "Idle");
        assertEquals(2, phonesOf(sim, account, email).size());

        String broken = "broken@" + account + ".example";
        sim.addUser(account, broken, "Bro", "Ken");
        putCredentials(account, broken, "pw-broken").then().statusCode(200);
        long gets = sim.requestCount(ZoomSimulator.GET_USER);
        sim.failNext(ZoomSimulator.GET_USER, 10_000, 503);
        try {
            link(account, broken, "+4989700722222", sbcId);
            awaitStatus(account, broken, "Failed");
        } finally {
            sim.clearFaults();
        }
        user(account, broken).then().body("failureReason", equalTo("ZoomApiError"));
        long tried = sim.requestCount(ZoomSimulator.GET_USER) - gets;
        assertEquals(4 * 5, tried, "4 client attempts in each of 5 worker attempts, then it stops");
        List<ConsumerRecord<String, byte[]>> failed = TestEvents.read(bootstrap, Topic.PROVISIONING.topicName(),
                r -> TestEvents.ofType(EventTypes.PROVISIONING_FAILED, account).test(r), 1, WAIT);
        assertEquals(ProvisioningFailureReason.ZOOM_API_ERROR,
                CODEC.decodeAs(EventTypes.PROVISIONING_FAILED, failed.get(0).value()).payload().reasonCode());

        // once Zoom works again, re-evaluating the connection provisions the users it failed
        given().auth().oauth2(DemoTokens.service("zoom-sync")).queryParam("account", account).when()
                .post(ZoomFixture.CONNECTION + "/refresh").then().statusCode(200).body("integrationStatus", equalTo("Connected"));
        awaitStatus(account, broken, "Idle");
        assertEquals(2, phonesOf(sim, account, broken).size());
    }
}
