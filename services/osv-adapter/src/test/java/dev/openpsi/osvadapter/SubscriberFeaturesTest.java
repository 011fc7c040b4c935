package dev.openpsi.osvadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.osvadapter.Fixtures.SUBSCRIBER;
import static dev.openpsi.osvadapter.Fixtures.SUBSCRIBERS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.Topic;
import dev.openpsi.events.payload.telephony.DoNotDisturbChanged;
import dev.openpsi.events.payload.telephony.ForwardingChanged;
import dev.openpsi.events.payload.telephony.ForwardingType;

/**
 * Do Not Disturb and call forwarding: what the Zoom client is shown, and every change of what the
 * PBX does published on openpsi.telephony.v1 with the change.
 */
@QuarkusTest
class SubscriberFeaturesTest {

    @Inject
    EventCodec codec;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void switchingDoNotDisturbPublishesOneEventPerChange() {
        String dn = Fixtures.freshDn();
        Map<String, Object> body = Fixtures.subscriber(dn, true);
        post(body);
        Map<String, Object> on = update(body, Map.of("doNotDisturb", true));
        put(dn, on).then().statusCode(200).body("features.doNotDisturb", equalTo(true));
        // the same state again changes nothing
        put(dn, on).then().statusCode(200).body("features.doNotDisturb", equalTo(true));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().get(SUBSCRIBER, dn).then().body("features.doNotDisturb", equalTo(true));

        List<ConsumerRecord<String, byte[]>> events = telephony(dn, 1);
        assertEquals(1, events.size(), "one event for one change");
        ConsumerRecord<String, byte[]> record = events.get(0);
        Envelope envelope = Envelope.fromHeaders(record.headers());
        assertEquals(EventTypes.DO_NOT_DISTURB_CHANGED.ceType(), envelope.type());
        assertEquals("/openpsi/osv-adapter", envelope.source());
        assertEquals("acme", envelope.account());
        assertEquals(dn, envelope.subject());
        assertEquals("acme/" + dn, record.key());
        assertEquals(new DoNotDisturbChanged("acme", dn, true),
                codec.decode(envelope, record.value()).payloadAs(EventTypes.DO_NOT_DISTURB_CHANGED));

        put(dn, update(body, Map.of("doNotDisturb", false))).then().statusCode(200).body("features.doNotDisturb", equalTo(false));
        List<Boolean> states = telephony(dn, 2).stream()
                .map(r -> codec.decode(Envelope.fromHeaders(r.headers()), r.value()).payloadAs(EventTypes.DO_NOT_DISTURB_CHANGED).enabled())
                .toList();
        assertEquals(List.of(true, false), states);
    }

    @Test
    void eachForwardingChangePublishesItsEvent() {
        String dn = Fixtures.freshDn();
        Map<String, Object> body = Fixtures.subscriber(dn, true);
        post(body);

        Map<String, Object> forwarding = new HashMap<>();
        forwarding.put("busy", Map.of("enabled", true, "destination", "+4989700711111", "endpointControlAllowed", true));
        forwarding.put("voicemail", Map.of("enabled", true, "endpointControlAllowed", false));
        forwarding.put("external", Map.of("enabled", false, "destination", "+4989700722222", "endpointControlAllowed", true));
        put(dn, update(body, Map.of("forwarding", forwarding))).then()
                .statusCode(200)
                .body("features.forwarding.busy.enabled", equalTo(true))
                .body("features.forwarding.busy.destination", equalTo("+4989700711111"))
                .body("features.forwarding.busy.endpointControlAllowed", equalTo(true))
                .body("features.forwarding.voicemail.enabled", equalTo(true))
                .body("features.forwarding.voicemail.destination", nullValue())
                .body("features.forwarding.external.enabled", equalTo(false))
                .body("features.forwarding.external.destination", equalTo("+4989700722222"))
                .body("features.forwarding.unconditional.enabled", equalTo(false))
                // forwarding to voicemail is what turns on the message waiting indicator
                .body("features.messageWaitingIndicator", equalTo(true))
                // the client shows only the types whose endpoint control is allowed
                .body("features.clientForwardingTypes", contains("busy", "external"));

        // busy: on with its target; external: target set while off; voicemail: on without target
        List<ForwardingChanged> first = forwardingEvents(dn, 3);
        assertEquals(List.of(
                new ForwardingChanged("acme", dn, ForwardingType.BUSY, true, "+4989700711111"),
                new ForwardingChanged("acme", dn, ForwardingType.VOICEMAIL, true, null),
                new ForwardingChanged("acme", dn, ForwardingType.EXTERNAL, false, "+4989700722222")), first);

        // only the endpoint-control flag of busy changes, voicemail goes off: one event
        forwarding.put("busy", Map.of("enabled", true, "destination", "+4989700711111", "endpointControlAllowed", false));
        forwarding.put("voicemail", Map.of("enabled", false));
        put(dn, update(body, Map.of("forwarding", forwarding))).then()
                .statusCode(200)
                .body("features.messageWaitingIndicator", equalTo(false))
                .body("features.clientForwardingTypes", contains("external"));
        List<ForwardingChanged> all = forwardingEvents(dn, 4);
        assertEquals(4, all.size(), all.toString());
        assertEquals(new ForwardingChanged("acme", dn, ForwardingType.VOICEMAIL, false, null), all.get(3));
    }

    @Test
    void featuresSwitchedOnAtCreationArePublished() {
        String dn = Fixtures.freshDn();
        Map<String, Object> body = Fixtures.subscriber(dn, true);
        body.put("features", Map.of("doNotDisturb", true,
                "forwarding", Map.of("unconditional", Map.of("enabled", true, "destination", "+4989700733333"))));
        post(body);
        List<ConsumerRecord<String, byte[]>> events = telephony(dn, 2);
        assertEquals(List.of(EventTypes.DO_NOT_DISTURB_CHANGED.ceType(), EventTypes.FORWARDING_CHANGED.ceType()),
                events.stream().map(r -> Topics.header(r, CloudEventHeaders.TYPE)).toList());
        assertEquals(new ForwardingChanged("acme", dn, ForwardingType.UNCONDITIONAL, true, "+4989700733333"),
                codec.decode(Envelope.fromHeaders(events.get(1).headers()), events.get(1).value())
                        .payloadAs(EventTypes.FORWARDING_CHANGED));

        // a subscriber created with everything off publishes nothing
        String quiet = Fixtures.freshDn();
        post(Fixtures.subscriber(quiet, true));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, quiet).then()
                .body("features.clientForwardingTypes", empty());
        assertEquals(List.of(), telephony(quiet, 0));
    }

    @Test
    void aRefusedChangePublishesNothing() {
        String dn = Fixtures.freshDn();
        Map<String, Object> body = Fixtures.subscriber(dn, true);
        post(body);
        Map<String, Object> invalid = update(body, Map.of("doNotDisturb", true,
                "forwarding", Map.of("busy", Map.of("enabled", true))));
        put(dn, invalid).then().statusCode(400);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).contentType(ContentType.JSON)
                .body(update(body, Map.of("doNotDisturb", true))).when().put(SUBSCRIBER, dn).then().statusCode(403);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(SUBSCRIBER, dn).then().body("features.doNotDisturb", equalTo(false));
        assertFalse(telephony(dn, 0).iterator().hasNext());
    }

    private List<ConsumerRecord<String, byte[]>> telephony(String dn, int expected) {
        return new Topics(bootstrap, codec).read(Topic.TELEPHONY,
                r -> ("acme/" + dn).equals(r.key()), expected, Duration.ofSeconds(30)).stream()
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .toList();
    }

    private List<ForwardingChanged> forwardingEvents(String dn, int expected) {
        return telephony(dn, expected).stream()
                .map(r -> codec.decode(Envelope.fromHeaders(r.headers()), r.value()).payloadAs(EventTypes.FORWARDING_CHANGED))
                .toList();
    }

    private static void post(Map<String, Object> body) {
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON).body(body)
                .when().post(SUBSCRIBERS).then().statusCode(201);
    }

    private static io.restassured.response.Response put(String dn, Map<String, Object> body) {
        return given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).contentType(ContentType.JSON).body(body)
                .when().put(SUBSCRIBER, dn);
    }

    /** An update body: the create body without the DN, the password left out (kept), with these features. */
    private static Map<String, Object> update(Map<String, Object> create, Map<String, Object> features) {
        Map<String, Object> body = new HashMap<>(create);
        body.remove("dn");
        @SuppressWarnings("unchecked")
        Map<String, Object> sip = new HashMap<>((Map<String, Object>) create.get("sipCredentials"));
        sip.remove("password");
        body.put("sipCredentials", sip);
        body.put("features", features);
        return body;
    }
}
