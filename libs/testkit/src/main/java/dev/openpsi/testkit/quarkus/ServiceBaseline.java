package dev.openpsi.testkit.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.openpsi.testkit.infra.Infra;
import dev.openpsi.testkit.infra.KeycloakEndpoint;
import dev.openpsi.testkit.keycloak.KeycloakAdmin;
import dev.openpsi.testkit.keycloak.TokenClient;

/**
 * What every openpsi service promises from day one, checked against the real Kafka, PostgreSQL
 * and Keycloak of the test kit: readiness that reflects Kafka and the database, Prometheus
 * metrics, an OpenAPI document, and an API that answers 401 without a valid token of the openpsi
 * realm and 404 for another account's data. A service's test extends this class and is a
 * {@code @QuarkusTest}.
 */
public abstract class ServiceBaseline {

    /** The account-scoped endpoint every service has (libs/messaging). */
    protected static final String DELIVERY_STATUS = "/api/v1/accounts/{account}/delivery-status";

    protected static String serviceId() {
        return ConfigProvider.getConfig().getValue("openpsi.messaging.service", String.class);
    }

    protected static TokenClient tokens() {
        return new TokenClient(Infra.keycloak().realmUrl());
    }

    /** A demo user's access token (deploy/keycloak/realm-openpsi.json). */
    protected static String userToken(String email) {
        return tokens().passwordGrant("openpsi-cli", email, "demo");
    }

    @Test
    void readinessReflectsKafkaAndTheDatabase() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void theApiIsDocumentedInOpenApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."))
                .body("paths", org.hamcrest.Matchers.hasKey(DELIVERY_STATUS))
                .body("components.securitySchemes", org.hamcrest.Matchers.hasKey("openpsi-bearer"));
    }

    @Test
    void everyApiPathNeedsAToken() {
        given().when().get(DELIVERY_STATUS, "acme").then().statusCode(401);
        given().when().get("/api/v1/no-such-resource").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").when().get(DELIVERY_STATUS, "acme").then().statusCode(401);
    }

    @Test
    void anotherAccountsDataDoesNotExistForTheCaller() {
        given().auth().oauth2(userToken("admin@globex.example")).when().get(DELIVERY_STATUS, "acme").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().auth().oauth2(userToken("admin@acme.example")).when().get(DELIVERY_STATUS, "acme").then()
                .statusCode(200)
                .body("account", equalTo("acme"))
                .body("service", equalTo(serviceId()));
    }

    @Test
    void endpointsDeclareTheirRoles() {
        // a regular user configures and troubleshoots nothing
        given().auth().oauth2(userToken("user@acme.example")).when().get(DELIVERY_STATUS, "acme").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        // a service account acts for every account
        String service = tokens().clientCredentials(serviceId(), "dev-" + serviceId() + "-secret");
        given().auth().oauth2(service).when().get(DELIVERY_STATUS, "globex").then().statusCode(200);
    }

    @Test
    void tokensForeignToTheApiOrExpiredAreRefused() throws InterruptedException {
        KeycloakEndpoint keycloak = Infra.keycloak();
        KeycloakAdmin admin = new KeycloakAdmin(keycloak.baseUrl(), keycloak.adminUser(), keycloak.adminPassword());
        String foreign = "foreign-app-" + UUID.randomUUID();
        admin.createPublicClient(KeycloakEndpoint.REALM, foreign, false, null);
        String foreignToken = tokens().passwordGrant(foreign, "admin@acme.example", "demo");
        given().auth().oauth2(foreignToken).when().get(DELIVERY_STATUS, "acme").then().statusCode(401);

        String shortLived = "short-lived-" + UUID.randomUUID();
        // long enough to be used once even on a loaded machine, short enough to wait out
        admin.createPublicClient(KeycloakEndpoint.REALM, shortLived, true, 4);
        String expiring = tokens().passwordGrant(shortLived, "admin@acme.example", "demo");
        given().auth().oauth2(expiring).when().get(DELIVERY_STATUS, "acme").then().statusCode(200);
        long expiresAtMillis = ((Number) TokenClient.claims(expiring).get("exp")).longValue() * 1000;
        Thread.sleep(Math.max(0, expiresAtMillis - System.currentTimeMillis()) + 1500);
        given().auth().oauth2(expiring).when().get(DELIVERY_STATUS, "acme").then().statusCode(401);
    }
}
