package dev.openpsi.osvadapter;

import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.provisioning.SipAccount;
import dev.openpsi.events.payload.provisioning.ZoomUserLinked;
import dev.openpsi.events.payload.provisioning.ZoomUserUpdated;
import dev.openpsi.security.SecretCipher;
import dev.openpsi.security.SecretUnreadableException;
import dev.openpsi.security.TransitCiphers;
import dev.openpsi.testkit.keycloak.DemoTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The subscriber's SIP password reaches zoom-sync inside the provisioning events, sealed for
 * zoom-sync only: the record on Kafka never holds it in clear, the at-rest key does not open it, it
 * is bound to its user, and a password change on the subscriber is handed over again.
 */
@QuarkusTest
class SipPasswordHandOverTest {

    private static String sbc;

    @Inject
    EventCodec codec;
    @Inject
    TransitCiphers transit;
    @Inject
    SecretCipher atRest;
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
    void thePasswordTravelsSealedForZoomSyncOnLinkAndAgainWhenTheSubscriberChangesIt() {
        String dn = Fixtures.freshDn();
        String email = Fixtures.freshEmail("sip.handover");
        String first = "Clear-Sip-Pass-" + Fixtures.digits(8);
        Map<String, Object> subscriber = Fixtures.subscriber(dn, true);
        subscriber.put("sipCredentials", Map.of("realm", "osv.acme.example", "userName", "auth-" + dn.substring(1),
                "password", first));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON).body(subscriber)
                .when().post(Fixtures.SUBSCRIBERS).then().statusCode(201);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON)
                .body(Fixtures.zoomUser(email, "Sip", "Handover", sbc, dn, null))
                .when().post(Fixtures.ZOOM_USERS).then().statusCode(201);

        ConsumerRecord<String, byte[]> linkedRecord = provisioning(email, 1).get(0);
        assertNoClearPassword(linkedRecord, first);
        ZoomUserLinked linked = codec.decode(Envelope.fromHeaders(linkedRecord.headers()), linkedRecord.value())
                .payloadAs(EventTypes.ZOOM_USER_LINKED);
        SipAccount sip = linked.sipAccount();
        assertEquals("osv.acme.example", sip.realm());
        assertEquals("auth-" + dn.substring(1), sip.userName());
        SecretCipher zoomSync = transit.forRecipient(SipAccount.RECIPIENT);
        assertEquals(first, zoomSync.open(sip.sealedPassword(), SipAccount.sealingContext("acme", email)),
                "zoom-sync's transit key opens it");
        assertThrows(SecretUnreadableException.class,
                () -> zoomSync.open(sip.sealedPassword(), SipAccount.sealingContext("acme", "someone.else@acme.example")),
                "bound to its user: moved to another user's event it does not open");
        assertThrows(SecretUnreadableException.class,
                () -> zoomSync.open(sip.sealedPassword(), SipAccount.sealingContext("globex", email)),
                "bound to its account");
        assertThrows(SecretUnreadableException.class,
                () -> atRest.open(sip.sealedPassword(), SipAccount.sealingContext("acme", email)),
                "the at-rest key every service has does not open it");

        // a new password on the subscriber: handed over again as ZoomUserUpdated
        String second = "Changed-Sip-Pass-" + Fixtures.digits(8);
        Map<String, Object> sipCredentials = Map.of("realm", "osv.acme.example", "userName", "auth-" + dn.substring(1),
                "password", second);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("zoomUser", true, "registrationViaCentralSbc", true, "sipCredentials", sipCredentials))
                .when().put(Fixtures.SUBSCRIBER, dn).then().statusCode(200);
        // a change that leaves the SIP credentials alone (the same password again) hands nothing over
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("zoomUser", true, "registrationViaCentralSbc", false, "sipCredentials", sipCredentials))
                .when().put(Fixtures.SUBSCRIBER, dn).then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> events = provisioning(email, 2);
        assertEquals(List.of(EventTypes.ZOOM_USER_LINKED.ceType(), EventTypes.ZOOM_USER_UPDATED.ceType()),
                events.stream().map(r -> Topics.header(r, CloudEventHeaders.TYPE)).toList(), "one update, for the password");
        ConsumerRecord<String, byte[]> updatedRecord = events.get(1);
        assertNoClearPassword(updatedRecord, second);
        assertNoClearPassword(updatedRecord, first);
        ZoomUserUpdated updated = codec.decode(Envelope.fromHeaders(updatedRecord.headers()), updatedRecord.value())
                .payloadAs(EventTypes.ZOOM_USER_UPDATED);
        assertEquals(new ZoomUserUpdated("acme", email, "Sip", "Handover", dn, sbc, null, updated.sipAccount()), updated);
        assertNotEquals(sip.sealedPassword(), updated.sipAccount().sealedPassword());
        assertEquals(second, zoomSync.open(updated.sipAccount().sealedPassword(), SipAccount.sealingContext("acme", email)));
    }

    /** The raw record, value and headers, as any reader of the topic sees it. */
    private static void assertNoClearPassword(ConsumerRecord<String, byte[]> record, String password) {
        assertFalse(new String(record.value(), StandardCharsets.UTF_8).contains(password), "value holds the password");
        record.headers().forEach(h -> assertFalse(new String(h.value(), StandardCharsets.UTF_8).contains(password),
                "header " + h.key() + " holds the password"));
        assertFalse(record.key().contains(password));
    }

    private List<ConsumerRecord<String, byte[]>> provisioning(String email, int expected) {
        return topics.read(Topic.PROVISIONING, r -> ("acme/" + email).equals(r.key()), expected, Duration.ofSeconds(30))
                .stream().sorted(Comparator.comparingLong(ConsumerRecord::offset)).toList();
    }
}
