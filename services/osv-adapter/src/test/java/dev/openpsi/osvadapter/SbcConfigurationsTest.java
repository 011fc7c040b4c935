package dev.openpsi.osvadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.testkit.keycloak.DemoTokens.GLOBEX_ADMIN;
import static dev.openpsi.osvadapter.Fixtures.SBC_CONFIGURATIONS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.registration.SipTransport;

/**
 * The SBC configurations sbc-adapter publishes on openpsi.registration.v1 land in the local table,
 * newest state wins, and a deleted one can no longer be given to a Zoom user.
 */
@QuarkusTest
class SbcConfigurationsTest {

    @Inject
    EventCodec codec;
    @Inject
    Pool pool;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private Topics topics;

    @BeforeEach
    void topics() {
        topics = new Topics(bootstrap, codec);
    }

    @Test
    void publishedConfigurationsAreConsumedAndTheNewestStateWins() {
        String id = "sbc-" + UUID.randomUUID();
        Instant t0 = Instant.now();
        SbcConfigurationChanged created = new SbcConfigurationChanged("acme", id, "Munich", "sbc.acme.example", 5061,
                SipTransport.TLS, ConfigurationChange.CREATED);
        Envelope first = Fixtures.sbcEnvelope(created, t0);
        topics.send(EventTypes.SBC_CONFIGURATION_CHANGED, first, created);
        awaitProcessed(first);
        Row row = row("acme", id);
        assertEquals("Munich", row.getString("name"));
        assertEquals("sbc.acme.example", row.getString("host"));
        assertEquals(5061, row.getInteger("port"));
        assertEquals("TLS", row.getString("protocol"));
        assertFalse(row.getBoolean("deleted"));
        given().auth().oauth2(DemoTokens.of(ACME_USER)).queryParam("limit", 200).when().get(SBC_CONFIGURATIONS).then()
                .statusCode(200)
                .body("items.find { it.id == '" + id + "' }.name", equalTo("Munich"))
                .body("items.find { it.id == '" + id + "' }.port", equalTo(5061))
                .body("items.find { it.id == '" + id + "' }.protocol", equalTo("TLS"));

        SbcConfigurationChanged updated = new SbcConfigurationChanged("acme", id, "Munich (hardened)", "203.0.113.7", 65061,
                SipTransport.TLS, ConfigurationChange.UPDATED);
        Envelope second = Fixtures.sbcEnvelope(updated, t0.plusSeconds(10));
        topics.send(EventTypes.SBC_CONFIGURATION_CHANGED, second, updated);
        awaitProcessed(second);
        assertEquals("Munich (hardened)", row("acme", id).getString("name"));
        assertEquals(65061, row("acme", id).getInteger("port"));

        // an older state arriving late (an old replay) does not roll the configuration back
        SbcConfigurationChanged stale = new SbcConfigurationChanged("acme", id, "Stale", "sbc.acme.example", 5060,
                SipTransport.UDP, ConfigurationChange.UPDATED);
        Envelope late = Fixtures.sbcEnvelope(stale, t0.plusSeconds(5));
        topics.send(EventTypes.SBC_CONFIGURATION_CHANGED, late, stale);
        awaitProcessed(late);
        assertEquals("Munich (hardened)", row("acme", id).getString("name"));

        // the same event delivered again changes nothing and is recorded once
        topics.send(EventTypes.SBC_CONFIGURATION_CHANGED, first, created);
        SbcConfigurationChanged marker = new SbcConfigurationChanged("acme", id, "Munich (hardened)", "203.0.113.7", 65061, SipTransport.TLS,
                ConfigurationChange.UPDATED);
        Envelope after = Fixtures.sbcEnvelope(marker, t0.plusSeconds(20));
        topics.send(EventTypes.SBC_CONFIGURATION_CHANGED, after, marker);
        awaitProcessed(after);
        assertEquals(1, processed(first));
        assertEquals("Munich (hardened)", row("acme", id).getString("name"));
    }

    @Test
    void aDeletedConfigurationCanNoLongerBeUsed() {
        String admin = DemoTokens.of(ACME_ADMIN);
        String id = Fixtures.publishedSbcConfiguration(topics, "acme", admin);
        String dn = Fixtures.freshDn();
        Fixtures.createSubscriber(admin, dn, true);
        String before = Fixtures.freshEmail("before");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Fixtures.zoomUser(before, "Be", "Fore", id, dn, null))
                .when().post(Fixtures.ZOOM_USERS).then().statusCode(201);

        SbcConfigurationChanged deleted = Fixtures.sbc("acme", id, "SBC " + id, ConfigurationChange.DELETED);
        Envelope envelope = Fixtures.sbcEnvelope(deleted, Instant.now());
        topics.send(EventTypes.SBC_CONFIGURATION_CHANGED, envelope, deleted);
        awaitProcessed(envelope);
        assertTrue(row("acme", id).getBoolean("deleted"));
        assertFalse(Fixtures.sbcConfigurationIds(admin).contains(id), "no longer offered");

        String other = Fixtures.freshDn();
        Fixtures.createSubscriber(admin, other, true);
        String email = Fixtures.freshEmail("after");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Fixtures.zoomUser(email, "Af", "Ter", id, other, null))
                .when().post(Fixtures.ZOOM_USERS).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("The action has failed"))
                .body("type", endsWith("/unknown-sbc-configuration"))
                .body("detail", containsString("deleted"))
                .body("errors.field", contains("sbcConfigurationId"));
        given().auth().oauth2(admin).when().get(Fixtures.ZOOM_USER, email).then().statusCode(404);
    }

    @Test
    void anAccountSeesOnlyItsOwnConfigurations() {
        String globexId = Fixtures.publishedSbcConfiguration(topics, "globex", DemoTokens.of(GLOBEX_ADMIN));
        assertFalse(Fixtures.sbcConfigurationIds(DemoTokens.of(ACME_ADMIN)).contains(globexId));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).queryParam("account", "globex").when().get(SBC_CONFIGURATIONS).then()
                .statusCode(404);
        JsonPath service = given().auth().oauth2(DemoTokens.service("osv-adapter")).queryParam("account", "globex").queryParam("limit", 200)
                .when().get(SBC_CONFIGURATIONS).then().statusCode(200).extract().jsonPath();
        assertTrue(service.getList("items.id").contains(globexId));
    }

    private void awaitProcessed(Envelope envelope) {
        try {
            Fixtures.await("event " + envelope.id() + " consumed", Duration.ofSeconds(60), () -> processed(envelope) > 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; dead-lettered: "
                    + topics.deadLetterReason(EventTypes.SBC_CONFIGURATION_CHANGED.topic(), envelope), e);
        }
    }

    /** The rows the idempotent consumer recorded for the event: written in the handler's transaction. */
    private long processed(Envelope envelope) {
        return pool.preparedQuery("select count(*) from processed_event where consumer = 'openpsi.osv-adapter' and event_id = $1")
                .execute(Tuple.of(envelope.id())).await().indefinitely().iterator().next().getLong(0);
    }

    private Row row(String account, String id) {
        var rows = pool.preparedQuery("select * from sbc_configuration where account = $1 and id = $2")
                .execute(Tuple.of(account, id)).await().indefinitely();
        assertEquals(1, rows.size());
        return rows.iterator().next();
    }
}
