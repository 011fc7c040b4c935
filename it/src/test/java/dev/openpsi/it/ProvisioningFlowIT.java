package dev.openpsi.it;

import static dev.openpsi.it.AdminApi.api;
import static dev.openpsi.it.AdminApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpsi.testkit.keycloak.DemoTokens;
import dev.openpsi.testkit.zoom.RateLimitCategory;
import dev.openpsi.testkit.zoom.SipPhone;

/**
 * User provisioning across the services, each running from its jar, with two zoom-sync instances
 * consuming together: an account admin creates an SBC configuration, a Zoom-flagged subscriber and
 * the Zoom user on the PBX side; the user becomes a CloudLink user holding the ZoomPSI licence and
 * gets a desktop and a mobile SIP phone in Zoom (status Idle) with the subscriber's SIP account;
 * a rename and a new number reach Zoom, the deletion removes the phones and the licence. Then many
 * users at once, while both instances also call Zoom for the same account: Zoom never sees more than
 * the configured rate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisioningFlowIT {

    private static final String ZOOM_ACCOUNT = "acme-flow-zoom";
    private static final int LIGHT_LIMIT = 8;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final WholeStack STACK = WholeStack.builder()
            .service("sbc-adapter").service("osv-adapter").service("cloudlink-daemon").service("zoom-sync", 2)
            .env("zoom-sync", "OPENPSI_ZOOM_RATE_LIMITS_LIGHT", Integer.toString(LIGHT_LIMIT))
            // seven JVMs and a browser test's leftovers on two cores: a request can reach Zoom 100 ms and more
            // after its slot (a CI run at 10 % put 9 in one second); the headroom is what absorbs that delay
            .env("zoom-sync", "OPENPSI_ZOOM_RATE_LIMITS_HEADROOM", "20")
            .build();

    private static String sbc;

    @BeforeAll
    static void zoomTenantAndConnection() throws Exception {
        STACK.zoom().createAccount(ZOOM_ACCOUNT);
        STACK.zoom().rateLimit(ZOOM_ACCOUNT, RateLimitCategory.LIGHT, LIGHT_LIMIT);
        STACK.zoom().addUser(ZOOM_ACCOUNT, "anna@acme.example.com", "Anna", "Schmidt");
        for (int i = 1; i <= 40; i++) {
            STACK.zoom().addUser(ZOOM_ACCOUNT, "bulk" + i + "@acme.example.com", "Bulk", "User" + i);
        }
        STACK.zoom().registerClient("acme-flow-app", "acme-flow-secret", ZOOM_ACCOUNT);
        JsonNode connection = api("PUT", url("zoom-sync", 0, "/api/v1/zoom/connection"), Map.of("clientId", "acme-flow-app",
                "clientSecret", "acme-flow-secret", "zoomAccountId", ZOOM_ACCOUNT, "grantType", "account_credentials"), 200);
        assertEquals("Authorized", connection.get("oauthStatus").asText());
        sbc = api("POST", url("sbc-adapter", 0, "/api/v1/sbc-configurations"), Map.of("name", "Munich flow",
                "host", "sbc.acme.example.com", "port", 65061, "protocol", "TLS"), 201).get("id").asText();
    }

    @Test
    @Order(1)
    void aZoomUserOnThePbxSideBecomesACloudLinkUserWithTwoSipPhonesInZoom() throws Exception {
        String email = "anna@acme.example.com";
        subscriber("+4989700712345", "4989700712345", "flow-Secret-1");
        subscriber("+4989700712399", "4989700712399", "flow-Secret-2");
        api("POST", url("osv-adapter", 0, "/api/v1/zoom-users"), zoomUser(email, "Anna", "Schmidt", "+4989700712345"), 201);

        await("CloudLink user with the ZoomPSI licence", () -> {
            JsonNode user = get(url("cloudlink-daemon", 0, "/api/v1/accounts/acme/cloudlink-users/" + enc(email)));
            return user != null && user.toString().contains("ZoomPSI");
        });
        await("status Idle", () -> "Idle".equals(text(get(url("zoom-sync", 1, "/api/v1/zoom/users/" + enc(email))), "status")));
        JsonNode psi = get(url("zoom-sync", 0, "/api/v1/zoom/users/" + enc(email)));
        List<SipPhone> phones = phonesOf(email);
        assertEquals(Set.of(psi.get("desktopPhoneId").asText(), psi.get("mobilePhoneId").asText()),
                phones.stream().map(SipPhone::phoneId).collect(Collectors.toSet()), "a desktop and a mobile SIP phone");
        for (SipPhone phone : phones) {
            assertEquals("4989700712345", phone.userName());
            assertEquals("flow-Secret-1", phone.password(), "the subscriber's SIP password reached Zoom");
        }

        // rename and a new number on the PBX side: both phones follow, in place
        api("PUT", url("osv-adapter", 0, "/api/v1/zoom-users/" + enc(email)),
                zoomUser(email, "Anna", "Berg", "+4989700712399"), 200);
        await("new SIP account on both phones", () -> phonesOf(email).size() == 2
                && phonesOf(email).stream().allMatch(p -> p.userName().equals("4989700712399") && p.password().equals("flow-Secret-2")));
        assertEquals(phones.stream().map(SipPhone::phoneId).collect(Collectors.toSet()),
                phonesOf(email).stream().map(SipPhone::phoneId).collect(Collectors.toSet()), "updated, not replaced");
        await("the new name in zoom-sync", () -> "Berg".equals(text(get(url("zoom-sync", 0, "/api/v1/zoom/users/" + enc(email))),
                "lastName")));

        // deletion: the phones leave Zoom and the licence is given back
        assertEquals(204, send("DELETE", url("osv-adapter", 0, "/api/v1/zoom-users/" + enc(email)), null).statusCode());
        await("SIP phones deleted in Zoom", () -> phonesOf(email).isEmpty());
        await("CloudLink user removed", () -> get(url("cloudlink-daemon", 0, "/api/v1/accounts/acme/cloudlink-users/" + enc(email))) == null);
    }

    @Test
    @Order(2)
    void twoInstancesProvisioningManyUsersTogetherStayWithinZoomsRate() throws Exception {
        int users = 40;
        for (int i = 1; i <= users; i++) {
            String dn = "+49897008" + String.format("%05d", i);
            subscriber(dn, dn.substring(1), "bulk-Secret-" + i);
        }
        StringBuilder csv = new StringBuilder("email,firstName,lastName,sbcConfigurationId,dn,voicemailCallbackNumber\n");
        for (int i = 1; i <= users; i++) {
            csv.append("bulk").append(i).append("@acme.example.com,Bulk,User").append(i).append(',').append(sbc)
                    .append(",+49897008").append(String.format("%05d", i)).append(",\n");
        }
        HttpResponse<String> imported = HTTP.send(HttpRequest.newBuilder(URI.create(url("osv-adapter", 0, "/api/v1/zoom-users/import")))
                .header("Authorization", "Bearer " + DemoTokens.of(DemoTokens.ACME_ADMIN)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(imported.statusCode() / 100 == 2, "CSV import: " + imported.statusCode() + " " + imported.body());

        // meanwhile both instances also call Zoom for the account (a refresh asks GET /users/me, LIGHT)
        List<CompletableFuture<HttpResponse<String>>> refreshes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (int instance = 0; instance < 2; instance++) {
                refreshes.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url("zoom-sync", instance,
                                "/api/v1/zoom/connection/refresh"))).header("Authorization", "Bearer " + DemoTokens.of(DemoTokens.ACME_ADMIN))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
            }
        }
        for (CompletableFuture<HttpResponse<String>> refresh : refreshes) {
            assertEquals(200, refresh.get().statusCode(), refresh.get().body());
        }
        List<String> notIdle = new ArrayList<>();
        await(() -> "all " + users + " users Idle, not yet: " + notIdle, () -> {
            notIdle.clear();
            for (int i = 1; i <= users; i++) {
                String email = "bulk" + i + "@acme.example.com";
                String status = text(get(url("zoom-sync", i % 2, "/api/v1/zoom/users/" + enc(email))), "status");
                if (!"Idle".equals(status)) {
                    notIdle.add(email + "=" + status);
                }
            }
            return notIdle.isEmpty();
        }, Duration.ofSeconds(180));

        long first = lightRequests(0);
        long second = lightRequests(1);
        System.out.printf("LIGHT requests to Zoom: instance 0 %d, instance 1 %d; Zoom admitted at most %d/s (limit %d), throttled %d%n",
                first, second, STACK.zoom().maxAdmittedRate(ZOOM_ACCOUNT, RateLimitCategory.LIGHT), LIGHT_LIMIT,
                STACK.zoom().throttledCount(RateLimitCategory.LIGHT));
        assertTrue(first > 0 && second > 0, "both instances called Zoom: " + first + " / " + second);
        assertTrue(STACK.zoom().maxObservedRate(ZOOM_ACCOUNT, RateLimitCategory.LIGHT) <= LIGHT_LIMIT,
                "Zoom never saw more than " + LIGHT_LIMIT + " LIGHT requests in a second: "
                        + STACK.zoom().maxObservedRate(ZOOM_ACCOUNT, RateLimitCategory.LIGHT));
        assertEquals(0, STACK.zoom().throttledCount(RateLimitCategory.LIGHT), "no 429 from Zoom");
        assertEquals(2 * users, STACK.zoom().sipPhones(ZOOM_ACCOUNT).stream()
                .filter(p -> p.userEmail().startsWith("bulk")).count(), "a desktop and a mobile phone each");
    }

    // ------------------------------------------------------------------ helpers

    private static void subscriber(String dn, String sipUser, String password) throws Exception {
        api("POST", url("osv-adapter", 0, "/api/v1/subscribers"), Map.of("dn", dn, "zoomUser", true,
                "registrationViaCentralSbc", true, "sipCredentials", Map.of("realm", "osv.acme.example.com",
                        "userName", sipUser, "password", password)), 201);
    }

    private static Map<String, Object> zoomUser(String email, String first, String last, String dn) {
        return Map.of("email", email, "firstName", first, "lastName", last, "sbcConfigurationId", sbc, "dn", dn);
    }

    private static List<SipPhone> phonesOf(String email) {
        return STACK.zoom().sipPhones(ZOOM_ACCOUNT).stream().filter(p -> p.userEmail().equals(email)
                || p.userEmail().startsWith(email + ".")).toList();
    }

    private static final Pattern LIGHT_CALLS = Pattern.compile(
            "^openpsi_zoom_requests_seconds_count\\{[^}]*endpoint=\"(/users/\\{userId}|/sip_phones/phones|/sip_phones/phones/\\{phoneId})\"[^}]*method=\"(GET|POST|PATCH|DELETE)\"[^}]*} ([0-9.E]+)",
            Pattern.MULTILINE);

    /** The LIGHT calls one zoom-sync instance made (its openpsi.zoom.requests timer, list endpoints excluded). */
    private static long lightRequests(int instance) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(url("zoom-sync", instance, "/q/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long total = 0;
        Matcher m = LIGHT_CALLS.matcher(metrics);
        while (m.find()) {
            boolean listing = m.group(1).equals("/sip_phones/phones") && m.group(2).equals("GET");
            if (!listing) {
                total += (long) Double.parseDouble(m.group(3));
            }
        }
        return total;
    }

    private static String url(String service, int instance, String path) {
        return STACK.instance(service, instance).url() + path;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, WAIT);
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        await(() -> what, condition, timeout);
    }

    private static void await(Supplier<String> what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what.get());
            }
            Thread.sleep(250);
        }
    }

    /** The body of a 200, or null for a 404. */
    private static JsonNode get(String url) {
        try {
            HttpResponse<String> response = send("GET", url, null);
            if (response.statusCode() == 404) {
                return null;
            }
            assertEquals(200, response.statusCode(), "GET " + url + ": " + response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


}
