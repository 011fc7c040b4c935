package dev.openpsi.osvadapter;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Traceparent;
import dev.openpsi.events.payload.registration.ConfigurationChange;
import dev.openpsi.events.payload.registration.SbcConfigurationChanged;
import dev.openpsi.events.payload.registration.SipTransport;

/** Unique test data, and subscribers and SBC configurations set up the way the platform would. */
final class Fixtures {

    static final String SUBSCRIBERS = "/api/v1/subscribers";
    static final String SUBSCRIBER = "/api/v1/subscribers/{dn}";
    static final String ZOOM_USERS = "/api/v1/zoom-users";
    static final String ZOOM_USER = "/api/v1/zoom-users/{email}";
    static final String SBC_CONFIGURATIONS = "/api/v1/sbc-configurations";

    private Fixtures() {
    }

    /** {@code n} random digits. */
    static String digits(int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append((char) ('0' + ThreadLocalRandom.current().nextInt(10)));
        }
        return out.toString();
    }

    /** A DN (E.164, 14 digits) no other test uses. */
    static String freshDn() {
        return "+4989" + digits(10);
    }

    /** An email no other test uses. */
    static String freshEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
    }

    /** A subscriber body with every field set; features off. */
    static Map<String, Object> subscriber(String dn, boolean zoomUser) {
        Map<String, Object> body = new HashMap<>();
        body.put("dn", dn);
        body.put("zoomUser", zoomUser);
        body.put("registrationViaCentralSbc", zoomUser);
        body.put("sipCredentials", Map.of("realm", "osv.acme.example", "userName", dn.substring(1),
                "password", "pw-" + UUID.randomUUID()));
        return body;
    }

    /** Creates a subscriber of the caller's account through the API. */
    static void createSubscriber(String token, String dn, boolean zoomUser) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(subscriber(dn, zoomUser))
                .when().post(SUBSCRIBERS).then().statusCode(201);
    }

    /** A Zoom user body. */
    static Map<String, Object> zoomUser(String email, String firstName, String lastName, String sbcConfigurationId,
            String dn, String voicemailCallbackNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        body.put("sbcConfigurationId", sbcConfigurationId);
        body.put("dn", dn);
        body.put("voicemailCallbackNumber", voicemailCallbackNumber);
        return body;
    }

    static SbcConfigurationChanged sbc(String account, String id, String name, ConfigurationChange change) {
        return new SbcConfigurationChanged(account, id, name, "sbc.acme.example", 65061, SipTransport.TLS, change);
    }

    /** The envelope sbc-adapter's relay would write for {@code change}, with its event time {@code time}. */
    static Envelope sbcEnvelope(SbcConfigurationChanged change, Instant time) {
        return new Envelope(UUID.randomUUID(), ServiceName.SBC_ADAPTER.source(), EventTypes.SBC_CONFIGURATION_CHANGED.ceType(),
                time, change.sbcConfigurationId(), change.account(), Traceparent.newRoot().value(), null, null);
    }

    /**
     * A new SBC configuration of {@code account}, published as sbc-adapter does and awaited until
     * this service lists it: the way every Zoom user test gets one.
     */
    static String publishedSbcConfiguration(Topics topics, String account, String adminToken) {
        String id = "sbc-" + UUID.randomUUID().toString().substring(0, 8);
        SbcConfigurationChanged created = sbc(account, id, "SBC " + id, ConfigurationChange.CREATED);
        Envelope envelope = sbcEnvelope(created, Instant.now());
        topics.send(EventTypes.SBC_CONFIGURATION_CHANGED, envelope, created);
        try {
            await("SBC configuration " + id + " consumed", Duration.ofSeconds(60),
                    () -> sbcConfigurationIds(adminToken).contains(id));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; dead-lettered: "
                    + topics.deadLetterReason(EventTypes.SBC_CONFIGURATION_CHANGED.topic(), envelope), e);
        }
        return id;
    }

    /** The ids of the SBC configurations the caller's account lists (every page). */
    static List<String> sbcConfigurationIds(String token) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 200);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get(SBC_CONFIGURATIONS).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            after = page.getString("next");
        } while (after != null);
        return ids;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
