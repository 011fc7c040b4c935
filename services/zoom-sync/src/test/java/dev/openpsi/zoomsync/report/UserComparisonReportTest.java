package dev.openpsi.zoomsync.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.payload.provisioning.CloudLinkUserCreated;
import dev.openpsi.events.payload.provisioning.LicenseAssigned;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.infra.Infra;
import dev.openpsi.testkit.keycloak.TokenClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The report flags every issue code on a crafted data set, from the four sources joined by email. */
@QuarkusTest
class UserComparisonReportTest {

    private static final String REPORTS = "/api/v1/reports/user-comparison";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String token(String email) {
        return new TokenClient(Infra.keycloak().realmUrl()).passwordGrant("openpsi-cli", email, "demo");
    }

    private void sql(String statement, Object... values) {
        pool.preparedQuery(statement).execute(Tuple.from(values)).await().atMost(Duration.ofSeconds(10));
    }

    private void clUser(String email) {
        sql("insert into cl_user (account, email, cl_user_id, first_name, last_name) values ('acme', $1, $2, 'Anna', 'Schmidt')",
                email, "cl-" + email.hashCode());
    }

    private void license(String email, String license) {
        sql("insert into cl_license (account, email, license) values ('acme', $1, $2)", email, license);
    }

    private void zoomUser(String email, String status) {
        sql("insert into zoom_user (account, zoom_user_id, email, first_name, last_name, status) values ('acme', $1, $2, 'Anna', 'Zoom', $3)",
                "zm-" + Math.abs(email.hashCode()), email, status);
    }

    private void phones(String email, boolean desktop, boolean mobile) {
        if (desktop) {
            sql("insert into zoom_sip_phone (account, phone_id, user_email, phone_number, kind) values ('acme', $1, $2, '4989700712345', 'desktop')",
                    "pd-" + UUID.randomUUID(), email);
        }
        if (mobile) {
            sql("insert into zoom_sip_phone (account, phone_id, user_email, phone_number, kind) values ('acme', $1, $2, '4989700712345', 'mobile')",
                    "pm-" + UUID.randomUUID(), email);
        }
    }

    /** email -> the CSV line's fields, for the emails of this test. */
    private Map<String, String[]> generateAndDownload(String admin, String marker) {
        String id = given().auth().oauth2(admin).when().post(REPORTS).then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/reports/user-comparison/"))
                .extract().path("id");
        TestEvents.await("the report", Duration.ofSeconds(60), () -> "ready".equals(given().auth().oauth2(admin)
                .when().get(REPORTS + "/{id}", id).then().statusCode(200).extract().path("status")));
        String csv = given().auth().oauth2(admin).when().get(REPORTS + "/{id}/download", id).then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(ComparisonCsv.HEADER.trim(), lines[0], "exactly the vendor's columns");
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            if (line.contains(marker)) {
                rows.put(line.substring(0, line.indexOf(',')), parse(line));
            }
        }
        return rows;
    }

    /** A small RFC 4180 field splitter for the assertions. */
    private static String[] parse(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out.toArray(String[]::new);
    }

    @Test
    void everyIssueCodeIsFlaggedOnACraftedDataSet() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String ok = "ok-" + marker + "@acme.example.com";
        String noCl = "nocl-" + marker + "@acme.example.com";
        String noLicense = "nolicense-" + marker + "@acme.example.com";
        String noZoom = "nozoom-" + marker + "@acme.example.com";
        String inactive = "inactive-" + marker + "@acme.example.com";
        String pending = "pending-" + marker + "@acme.example.com";
        String noPhone = "nophone-" + marker + "@acme.example.com";
        for (String email : List.of(ok, noLicense, noZoom, inactive, pending, noPhone)) {
            clUser(email);
        }
        for (String email : List.of(ok, noCl, noZoom, inactive, pending, noPhone)) {
            license(email, "ZoomPSI");
        }
        license(noLicense, "SomethingElse");
        zoomUser(ok, "active");
        zoomUser(noCl, "active");
        zoomUser(noLicense, "inactive");
        zoomUser(inactive, "inactive");
        zoomUser(pending, "pending");
        zoomUser(noPhone, "active");
        for (String email : List.of(ok, noCl, noLicense, inactive, pending)) {
            phones(email, true, true);
        }
        phones(noPhone, true, false);

        Map<String, String[]> rows = generateAndDownload(token("admin@acme.example"), marker);
        assertEquals(7, rows.size(), "one row per email of the four sources");
        assertEquals("[]", rows.get(ok)[10]);
        assertEquals("[\"CloudLinkUserNotFound\"]", rows.get(noCl)[10]);
        assertEquals("[\"NoClZoomPsiLicense\"]", rows.get(noLicense)[10], "no further checks after a missing licence");
        assertEquals("[\"ZoomUserNotFound\",\"ZoomSipPhoneNotFound\"]", rows.get(noZoom)[10]);
        assertEquals("[\"ZoomUserStatusInactive\"]", rows.get(inactive)[10]);
        assertEquals("[\"ZoomUserStatusPending\"]", rows.get(pending)[10]);
        assertEquals("[\"ZoomSipPhoneNotFound\"]", rows.get(noPhone)[10]);

        String[] complete = rows.get(ok);
        assertEquals("Anna Schmidt", complete[1]);
        assertTrue(complete[2].startsWith("cl-"), "clUserId");
        assertEquals("[\"ZoomPSI\"]", complete[3]);
        assertTrue(complete[4].startsWith("zm-"), "zmUserId");
        assertEquals("active", complete[5]);
        assertTrue(complete[6].startsWith("pd-"), "zmSipPhoneId is the desktop instance");
        assertEquals("4989700712345", complete[7]);
        assertTrue(complete[8].startsWith("pm-"), "zmSipPhoneMobileId");
        assertEquals("4989700712345", complete[9]);
    }

    @Test
    void cloudLinkUsersAndLicencesComeFromCloudlinkDaemonsEvents() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String email = "events-" + marker + "@acme.example.com";
        TestEvents.publish(bootstrap, ServiceName.CLOUDLINK_DAEMON, EventTypes.CLOUDLINK_USER_CREATED,
                new CloudLinkUserCreated("acme", email, "cl-from-event", "Eve", "Vent"));
        TestEvents.publish(bootstrap, ServiceName.CLOUDLINK_DAEMON, EventTypes.LICENSE_ASSIGNED,
                new LicenseAssigned("acme", email, "ZoomPSI"));
        TestEvents.await("the copy of the CloudLink user and licence", Duration.ofSeconds(30), () -> pool
                .preparedQuery("select count(*) from cl_user u join cl_license l using (account, email) where u.email = $1")
                .execute(Tuple.of(email)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == 1);

        Map<String, String[]> rows = generateAndDownload(token("admin@acme.example"), marker);
        assertEquals("cl-from-event", rows.get(email)[2]);
        assertEquals("Eve Vent", rows.get(email)[1]);
        assertEquals("[\"ZoomUserNotFound\",\"ZoomSipPhoneNotFound\"]", rows.get(email)[10]);
    }

    @Test
    void reportsBelongToTheirAccount() {
        String id = given().auth().oauth2(token("admin@acme.example")).when().post(REPORTS).then().statusCode(202)
                .extract().path("id");
        given().auth().oauth2(token("admin@globex.example")).when().get(REPORTS + "/{id}", id).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token("admin@globex.example")).when().get(REPORTS + "/{id}/download", id).then()
                .statusCode(404);
        given().auth().oauth2(token("user@acme.example")).when().post(REPORTS).then()
                .statusCode(403).body("status", equalTo(403));
    }
}
