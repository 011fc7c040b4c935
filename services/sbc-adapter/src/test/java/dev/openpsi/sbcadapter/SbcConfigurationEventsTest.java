package dev.openpsi.sbcadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.sbcadapter.RegistrationTopic.header;
import static dev.openpsi.sbcadapter.SbcConfigurationsWriteTest.CONFIGURATION;
import static dev.openpsi.sbcadapter.SbcConfigurationsWriteTest.CONFIGURATIONS;
import static dev.openpsi.sbcadapter.SbcConfigurationsWriteTest.config;
import static dev.openpsi.sbcadapter.SbcConfigurationsWriteTest.create;
import static dev.openpsi.sbcadapter.SbcConfigurationsWriteTest.replace;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.registration.SipTransport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every change of an SBC configuration reaches openpsi.registration.v1 once, as SbcConfigurationChanged; refused requests reach nothing. */
@QuarkusTest
class SbcConfigurationEventsTest {

    private static final EventCodec CODEC = new EventCodec();

    @Test
    void createUpdateAndDeleteArePublishedOnceEachInOrder() {
        String name = DemoTokens.fresh("Published");
        String id = create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then().statusCode(201)
                .extract().path("id");
        String renamed = DemoTokens.fresh("Republished");
        replace(ACME_ADMIN, id, config(renamed, "203.0.113.7", 5060, "UDP", 0)).then().statusCode(200);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().delete(CONFIGURATION, id).then().statusCode(204);

        List<ConsumerRecord<String, byte[]>> records = RegistrationTopic.about("acme", id, 3);
        assertEquals(3, records.size(), "one record per change: " + records);
        assertEquals(List.of(
                        new SbcConfigurationChanged("acme", id, name, "sbc.acme.example", 65061, SipTransport.TLS,
                                ConfigurationChange.CREATED),
                        new SbcConfigurationChanged("acme", id, renamed, "203.0.113.7", 5060, SipTransport.UDP,
                                ConfigurationChange.UPDATED),
                        // a deletion carries the last state
                        new SbcConfigurationChanged("acme", id, renamed, "203.0.113.7", 5060, SipTransport.UDP,
                                ConfigurationChange.DELETED)),
                records.stream().map(SbcConfigurationEventsTest::payload).toList());
        HashSet<String> eventIds = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            assertEquals("acme/" + id, record.key(), "the key keeps one configuration's changes in order");
            assertEquals("dev.openpsi.registration.SbcConfigurationChanged.v1", header(record, "ce_type"));
            assertEquals("/openpsi/sbc-adapter", header(record, "ce_source"));
            assertEquals("acme", header(record, "openpsi_account"));
            assertEquals(id, header(record, "ce_subject"));
            assertEquals("1.0", header(record, "ce_specversion"));
            assertEquals("application/json", header(record, "content-type"));
            assertNotNull(header(record, "ce_time"));
            assertNotNull(header(record, "traceparent"), "each change starts a trace");
            assertTrue(eventIds.add(header(record, "ce_id")), "event ids are distinct");
        }
        assertEquals(records.get(0).partition(), records.get(2).partition());
    }

    @Test
    void refusedRequestsPublishNothing() {
        String name = DemoTokens.fresh("Guarded");
        String id = create(ACME_ADMIN, config(name, "sbc.acme.example", 65061, "TLS")).then().statusCode(201)
                .extract().path("id");
        create(ACME_ADMIN, config(name.toUpperCase(), "sbc.acme.example", 65061, "TLS")).then().statusCode(409);
        replace(ACME_ADMIN, id, config(name, "sbc.acme.example:5061", 65061, "TLS", 0)).then().statusCode(400);
        replace(ACME_USER, id, config(name, "user.acme.example", 65061, "TLS", 0)).then().statusCode(403);
        replace(DemoTokens.GLOBEX_ADMIN, id, config(name, "evil.example", 65061, "TLS", 0)).then().statusCode(404);
        given().auth().oauth2(DemoTokens.of(ACME_USER)).when().delete(CONFIGURATION, id).then().statusCode(403);
        replace(ACME_ADMIN, id, config(name, "sbc2.acme.example", 65061, "TLS", 0)).then().statusCode(200);
        replace(ACME_ADMIN, id, config(name, "sbc3.acme.example", 65061, "TLS", 0)).then().statusCode(409);
        // an update that changes nothing is no change
        replace(ACME_ADMIN, id, config(name, "sbc2.acme.example", 65061, "TLS", 1)).then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> records = RegistrationTopic.about("acme", id, 2);
        assertEquals(List.of(ConfigurationChange.CREATED, ConfigurationChange.UPDATED),
                records.stream().map(r -> payload(r).change()).toList());
        assertEquals("sbc2.acme.example", payload(records.get(1)).host());
        // nor did the refused duplicate publish under an id of its own
        List<ConsumerRecord<String, byte[]>> named = RegistrationTopic.read(r -> "acme".equals(header(r, "openpsi_account"))
                && EventTypes.SBC_CONFIGURATION_CHANGED.ceType().equals(header(r, "ce_type"))
                && payload(r).name().equalsIgnoreCase(name), 2, Duration.ofSeconds(10));
        assertEquals(2, named.size(), "only the changes of the created configuration carry its name");
        named.forEach(r -> assertEquals(id, payload(r).sbcConfigurationId()));
    }

    @Test
    void aServiceChangeIsPublishedForTheAccountItNamed() {
        String account = "evt-" + UUID.randomUUID().toString().substring(0, 8);
        String service = DemoTokens.service("sbc-adapter");
        String name = DemoTokens.fresh("Service made");
        String id = given().auth().oauth2(service).queryParam("account", account).contentType(ContentType.JSON)
                .body(config(name, "2001:db8::1", 65061, "TLS")).when().post(CONFIGURATIONS).then()
                .statusCode(201).extract().path("id");
        List<ConsumerRecord<String, byte[]>> records = RegistrationTopic.read(
                r -> account.equals(header(r, "openpsi_account")), 1, Duration.ofSeconds(30));
        assertEquals(1, records.size());
        assertEquals(new SbcConfigurationChanged(account, id, name, "2001:db8::1", 65061, SipTransport.TLS,
                ConfigurationChange.CREATED), payload(records.get(0)));
        assertEquals(account + "/" + id, records.get(0).key());
    }

    /** The record's value decoded and validated against the contract's JSON Schema, as a consumer would. */
    private static SbcConfigurationChanged payload(ConsumerRecord<String, byte[]> record) {
        return CODEC.decodeAs(EventTypes.SBC_CONFIGURATION_CHANGED, record.value()).payload();
    }
}
