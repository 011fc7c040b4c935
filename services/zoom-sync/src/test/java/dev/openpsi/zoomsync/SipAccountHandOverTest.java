package dev.openpsi.zoomsync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.DeadLetterReason;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.provisioning.SipAccount;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.registration.SipTransport;
import dev.openpsi.security.SecretCipher;
import dev.openpsi.security.TransitCiphers;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.keycloak.DemoTokens;
import dev.openpsi.testkit.zoom.SipPhone;
import dev.openpsi.testkit.zoom.ZoomSimulator;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The SIP password arrives in the provisioning events, sealed for zoom-sync by osv-adapter (here: by
 * the test with the same transit key ring): on link it reaches Zoom's SIP phones without any manual
 * step, a changed password reaches them again, and a blob moved from another user or tampered with
 * is refused to the DLQ with its reason while nothing of it is stored.
 */
@QuarkusTest
@WithTestResource(value = ZoomSimulatorResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SipAccountHandOverTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REALM = "osv.handover.example";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    TransitCiphers transit;

    private SipAccount sealedFor(String account, String email, String password) {
        SecretCipher osvAdapterSide = transit.forRecipient(SipAccount.RECIPIENT);
        return new SipAccount(REALM, "auth-" + email.substring(0, email.indexOf('@')),
                osvAdapterSide.seal(password, SipAccount.sealingContext(account, email)));
    }

    private String connectedAccount(String sbcId) {
        String account = ZoomFixture.freshAccount("handover");
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

    private static List<SipPhone> phonesOf(ZoomSimulator sim, String account, String email) {
        return sim.sipPhones(account).stream().filter(p -> p.userEmail().equals(email)
                || p.userEmail().equals(email + ".mobile")).toList();
    }

    @Test
    void thePasswordReachesZoomsSipPhonesOnLinkAndOnChangeWithoutAManualStep() {
        String sbcId = UUID.randomUUID().toString();
        String account = connectedAccount(sbcId);
        ZoomSimulator sim = ZoomSimulatorResource.simulator();
        String email = "carla@" + account + ".example";
        sim.addUser(account, email, "Carla", "Sip");

        Envelope linked = TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                new ZoomUserLinked(account, email, "Carla", "Sip", "+4989700744444", sbcId, null,
                        sealedFor(account, email, "first-Sip-Pass")));
        ZoomFixture.await(WAIT, () -> phonesOf(sim, account, email).size() == 2
                && phonesOf(sim, account, email).stream().allMatch(p -> "first-Sip-Pass".equals(p.password())));
        ZoomFixture.await(WAIT, () -> "Idle".equals(user(account, email).path("status")));
        for (SipPhone p : phonesOf(sim, account, email)) {
            assertEquals("4989700744444", p.userName());
            assertEquals("auth-carla", p.authorizationName(), "the SIP user name of the subscriber");
            assertEquals(REALM, p.domain(), "the SIP realm of the subscriber");
        }
        ConsumerRecord<String, byte[]> onKafka = TestEvents.read(bootstrap, Topic.PROVISIONING.topicName(),
                r -> linked.id().toString().equals(TestEvents.header(r, CloudEventHeaders.ID)), 1, WAIT).get(0);
        assertFalse(new String(onKafka.value(), StandardCharsets.UTF_8).contains("first-Sip-Pass"),
                "the record on Kafka holds the sealed form only");

        // the subscriber's password changes on the PBX side
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_UPDATED,
                new ZoomUserUpdated(account, email, "Carla", "Sip", "+4989700744444", sbcId, null,
                        sealedFor(account, email, "second-Sip-Pass")));
        ZoomFixture.await(WAIT, () -> phonesOf(sim, account, email).size() == 2
                && phonesOf(sim, account, email).stream().allMatch(p -> "second-Sip-Pass".equals(p.password())));

        // an update without a SIP account keeps the stored password
        TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_UPDATED,
                new ZoomUserUpdated(account, email, "Carla", "Sip-Renamed", "+4989700744444", sbcId, null));
        ZoomFixture.await(WAIT, () -> "Sip-Renamed".equals(user(account, email).path("lastName"))
                && "Idle".equals(user(account, email).path("status")));
        ZoomFixture.await(WAIT, () -> phonesOf(sim, account, email).stream().allMatch(p -> "second-Sip-Pass".equals(p.password())));
        user(account, email).then().body("sipCredentialsStored", equalTo(true));
    }

    @Test
    void aSealedPasswordMovedToAnotherUserOrTamperedWithIsRefusedToTheDlq() {
        String sbcId = UUID.randomUUID().toString();
        String account = connectedAccount(sbcId);
        ZoomSimulator sim = ZoomSimulatorResource.simulator();
        String victim = "victim@" + account + ".example";
        String thief = "thief@" + account + ".example";
        String tampered = "tampered@" + account + ".example";
        sim.addUser(account, thief, "Thi", "Ef");
        sim.addUser(account, tampered, "Tam", "Pered");

        SipAccount victims = sealedFor(account, victim, "victim-Sip-Pass");
        Envelope moved = TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                new ZoomUserLinked(account, thief, "Thi", "Ef", "+4989700755555", sbcId, null, victims));
        Envelope flipped = TestEvents.publish(bootstrap, ServiceName.OSV_ADAPTER, EventTypes.ZOOM_USER_LINKED,
                new ZoomUserLinked(account, tampered, "Tam", "Pered", "+4989700766666", sbcId, null,
                        flipLastByte(sealedFor(account, tampered, "tampered-Sip-Pass"))));

        for (Envelope sent : List.of(moved, flipped)) {
            List<ConsumerRecord<String, byte[]>> dead = TestEvents.read(bootstrap, Topic.PROVISIONING.dlqName(),
                    r -> sent.id().toString().equals(TestEvents.header(r, CloudEventHeaders.ID))
                            && "openpsi.zoom-sync".equals(TestEvents.header(r, CloudEventHeaders.DLQ_CONSUMER)), 1, WAIT);
            assertEquals(1, dead.size(), "dead-lettered once");
            assertEquals(DeadLetterReason.HANDLER_REJECTED.name(), TestEvents.header(dead.get(0), CloudEventHeaders.DLQ_REASON));
            String detail = TestEvents.header(dead.get(0), CloudEventHeaders.DLQ_DETAIL);
            assertTrue(detail.contains(SipAccount.FIELD) && detail.contains("does not open"), detail);
            assertFalse(detail.contains("Sip-Pass"), "the reason never holds the password");
        }
        // nothing of either event was stored, no phone was made
        assertEquals(404, user(account, thief).statusCode());
        assertEquals(404, user(account, tampered).statusCode());
        assertTrue(sim.sipPhones(account).isEmpty());
    }

    private static SipAccount flipLastByte(SipAccount sip) {
        String[] parts = sip.sealedPassword().split("\\.");
        byte[] body = Base64.getUrlDecoder().decode(parts[5]);
        body[body.length - 1] ^= 1;
        parts[5] = Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        return new SipAccount(sip.realm(), sip.userName(), String.join(".", parts));
    }
}
