package dev.openpsi.osvadapter;

import dev.openpsi.testkit.keycloak.DemoTokens;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_ADMIN;
import static dev.openpsi.testkit.keycloak.DemoTokens.ACME_USER;
import static dev.openpsi.osvadapter.Fixtures.ZOOM_USER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.EventCodec;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.Topic;

/** Bulk "add Zoom users" from a CSV file: each row succeeds or fails on its own, and says why. */
@QuarkusTest
class ZoomUserImportTest {

    private static final String IMPORT = "/api/v1/zoom-users/import";
    private static final String HEADER = "email,firstName,lastName,sbcConfigurationId,dn,voicemailCallbackNumber\r\n";
    private static final String CSV = "text/csv; charset=UTF-8";

    private static String sbc;

    @Inject
    EventCodec codec;
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
    void goodRowsAreKeptAndBadRowsFailOnTheirOwn() {
        String admin = DemoTokens.of(ACME_ADMIN);
        String anna = Fixtures.freshEmail("anna.import");
        String emil = Fixtures.freshEmail("emil.import");
        String bernd = Fixtures.freshEmail("bernd.import");
        String carla = Fixtures.freshEmail("carla.import");
        String annaDn = zoomNumber(admin);
        String emilDn = zoomNumber(admin);
        String carlaDn = zoomNumber(admin);
        String plainDn = Fixtures.freshDn();
        Fixtures.createSubscriber(admin, plainDn, false);

        String csv = HEADER
                + anna + ",Anna,Import," + sbc + "," + annaDn + ",+4989700700000\r\n"
                + bernd + ",Bernd,Plain," + sbc + "," + plainDn + ",\r\n"
                + carla + ",Carla,Nosbc,sbc-unknown," + carlaDn + ",\r\n"
                + "not-an-email,Dora,Syntax," + sbc + "," + zoomNumber(admin) + ",123\r\n"
                + "\r\n"
                + "\"" + emil.toUpperCase(Locale.ROOT) + "\",\"Emil\",\"O\"\"Brien, Jr.\"," + sbc + "," + emilDn + ",\r\n"
                + anna + ",Anna,Again," + sbc + "," + zoomNumber(admin) + ",\r\n"
                + "few,fields\r\n";
        JsonPath report = importCsv(ACME_ADMIN, csv).then()
                .statusCode(200)
                .contentType("application/json")
                .body("total", equalTo(7))
                .body("created", equalTo(2))
                .body("failed", equalTo(5))
                .body("rows.row", contains(1, 2, 3, 4, 5, 6, 7))
                .body("rows.status", contains("created", "failed", "failed", "failed", "created", "failed", "failed"))
                .body("rows.email", contains(anna, bernd, carla, "not-an-email", emil, anna, "few"))
                .extract().jsonPath();
        assertEquals(List.of(), report.getList("rows[0].errors"));
        assertEquals(List.of("dn"), report.getList("rows[1].errors.field"));
        assertEquals(List.of("sbcConfigurationId"), report.getList("rows[2].errors.field"));
        assertEquals(List.of("email", "voicemailCallbackNumber"), report.getList("rows[3].errors.field"));
        assertEquals(List.of(), report.getList("rows[4].errors"));
        assertEquals(List.of("email"), report.getList("rows[5].errors.field"));
        assertEquals(List.of("row"), report.getList("rows[6].errors.field"));
        assertEquals(true, report.getString("rows[1].errors[0].reason").contains("not a Zoom user"));

        // the good rows are there, RFC 4180 quoting included; the bad rows wrote nothing
        given().auth().oauth2(admin).when().get(ZOOM_USER, anna).then()
                .statusCode(200)
                .body("lastName", equalTo("Import"))
                .body("dn", equalTo(annaDn))
                .body("voicemailCallbackNumber", equalTo("+4989700700000"));
        given().auth().oauth2(admin).when().get(ZOOM_USER, emil).then()
                .statusCode(200)
                .body("email", equalTo(emil))
                .body("lastName", equalTo("O\"Brien, Jr."))
                .body("voicemailCallbackNumber", equalTo(null));
        for (String refused : List.of(bernd, carla)) {
            given().auth().oauth2(admin).when().get(ZOOM_USER, refused).then().statusCode(404);
            assertEquals(List.of(), topics.read(Topic.PROVISIONING, r -> ("acme/" + refused).equals(r.key()), 0,
                    Duration.ofSeconds(1)));
        }
        // the number of a refused row is still free
        given().auth().oauth2(admin).contentType("application/json")
                .body(Fixtures.zoomUser(carla, "Carla", "Later", sbc, carlaDn, null)).when().post(Fixtures.ZOOM_USERS).then()
                .statusCode(201);
        // each created row published its ZoomUserLinked once
        for (String created : List.of(anna, emil)) {
            var events = topics.read(Topic.PROVISIONING, r -> ("acme/" + created).equals(r.key()), 1, Duration.ofSeconds(30));
            assertEquals(1, events.size(), created);
            assertEquals(EventTypes.ZOOM_USER_LINKED.ceType(), Topics.header(events.get(0), CloudEventHeaders.TYPE));
        }
    }

    @Test
    void aFileThatIsNotTheCsvIsRefusedAsAWhole() {
        String email = Fixtures.freshEmail("malformed");
        String row = email + ",Mal,Formed," + sbc + "," + zoomNumber(DemoTokens.of(ACME_ADMIN)) + ",\r\n";
        importCsv(ACME_ADMIN, "mail,first,last,sbc,dn,callback\r\n" + row).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/malformed-csv"))
                .body("detail", containsString("email,firstName,lastName,sbcConfigurationId,dn,voicemailCallbackNumber"))
                .body("errors.field", contains("header"));
        importCsv(ACME_ADMIN, HEADER + "\"" + row).then()
                .statusCode(400)
                .body("type", endsWith("/malformed-csv"))
                .body("detail", containsString("line 2"));
        importCsv(ACME_ADMIN, "").then().statusCode(400).body("type", endsWith("/malformed-csv"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then().statusCode(404);
    }

    @Test
    void anImportTakesAtMost5000Rows() {
        String email = Fixtures.freshEmail("toomany");
        StringBuilder csv = new StringBuilder(HEADER);
        csv.append(email).append(",Too,Many,").append(sbc).append(',').append(zoomNumber(DemoTokens.of(ACME_ADMIN))).append(",\r\n");
        for (int i = 1; i < 5001; i++) {
            csv.append("row").append(i).append("@acme.example,Too,Many,").append(sbc).append(",+49897000").append(i).append(",\n");
        }
        importCsv(ACME_ADMIN, csv.toString()).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/too-many-rows"))
                .body("detail", containsString("5000"));
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then().statusCode(404);
    }

    @Test
    void regularUsersImportNothing() {
        String email = Fixtures.freshEmail("userimport");
        importCsv(ACME_USER, HEADER + email + ",Us,Er," + sbc + "," + zoomNumber(DemoTokens.of(ACME_ADMIN)) + ",\r\n").then()
                .statusCode(403);
        given().auth().oauth2(DemoTokens.of(ACME_ADMIN)).when().get(ZOOM_USER, email).then().statusCode(404);
    }

    private static Response importCsv(String user, String csv) {
        return given().auth().oauth2(DemoTokens.of(user)).contentType(CSV).body(csv).when().post(IMPORT);
    }

    private static String zoomNumber(String admin) {
        String dn = Fixtures.freshDn();
        Fixtures.createSubscriber(admin, dn, true);
        return dn;
    }
}
