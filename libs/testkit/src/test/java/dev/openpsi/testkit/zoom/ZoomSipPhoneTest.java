package dev.openpsi.testkit.zoom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpsi.testkit.zoom.ZoomHttp.Res;

class ZoomSipPhoneTest {

    private static final String ACCOUNT = "acc-sip";

    private ZoomSimulator sim;
    private ZoomHttp http;
    private String token;

    @BeforeEach
    void start() throws Exception {
        sim = new ZoomSimulator().start();
        sim.createAccount(ACCOUNT);
        sim.addUser(ACCOUNT, "alice@example.com", "Alice", "A");
        sim.addUser(ACCOUNT, "bob@example.com", "Bob", "B");
        sim.registerClient("c", "s", ACCOUNT);
        http = new ZoomHttp(sim);
        token = http.s2sToken("c", "s", ACCOUNT);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static Map<String, Object> modern(String email) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("user_email", email);
        b.put("user_name", "+4930123456");
        b.put("authorization_name", "4930123456");
        b.put("password", "sip-pass");
        b.put("domain", "pbx.example.com");
        b.put("voice_mail", "4000");
        b.put("registration_expire_time", 30);
        b.put("server", Map.of("register_server", "10.0.0.1:5060", "proxy_server", "10.0.0.2", "transport_protocol", "TCP"));
        return b;
    }

    private static Map<String, Object> legacy(String email) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("user_email", email);
        b.put("user_name", "+4930123456");
        b.put("authorization_name", "4930123456");
        b.put("password", "sip-pass");
        b.put("domain", "pbx.example.com");
        b.put("register_server", "10.0.0.1");
        b.put("proxy_server", "10.0.0.1");
        b.put("transport_protocol", "UDP");
        return b;
    }

    private static List<String> invalidFields(Res r) {
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    void createListUpdateDeleteOnThePhonesResource() throws Exception {
        Res created = http.post(token, "/sip_phones/phones", modern("alice@example.com"));
        assertEquals(201, created.status(), created.toString());
        String id = created.json().get("phone_id").asText();
        assertEquals("TCP", created.json().get("server").get("transport_protocol").asText());

        JsonNode list = http.get(token, "/sip_phones/phones").json();
        assertEquals(1, list.get("phones").size());
        JsonNode p = list.get("phones").get(0);
        assertEquals(id, p.get("phone_id").asText());
        assertEquals("alice@example.com", p.get("user_email").asText());
        assertEquals(30, p.get("registration_expire_time").asInt());
        assertEquals("10.0.0.1:5060", p.get("server").get("register_server").asText());
        assertFalse(p.has("server_2"));

        Res patched = http.patch(token, "/sip_phones/phones/" + id, Map.of("password", "rotated",
                "server", Map.of("transport_protocol", "TLS"),
                "server_2", Map.of("register_server", "10.0.1.1", "proxy_server", "10.0.1.1")));
        assertEquals(204, patched.status(), patched.toString());
        SipPhone stored = sim.sipPhone(ACCOUNT, id).orElseThrow();
        assertEquals("rotated", stored.password());
        assertEquals(new SipPhone.Server("10.0.0.1:5060", "10.0.0.2", "TLS"), stored.server());
        assertEquals("10.0.1.1", stored.server2().registerServer());
        assertEquals("pbx.example.com", stored.domain(), "fields the PATCH left out stay");
        assertEquals("4000", stored.voiceMail());

        assertEquals(204, http.delete(token, "/sip_phones/phones/" + id).status());
        assertTrue(sim.sipPhones(ACCOUNT).isEmpty());
        Res gone = http.delete(token, "/sip_phones/phones/" + id);
        assertEquals(404, gone.status());
        assertEquals("{\"code\":2305,\"message\":\"SIP phone does not exist: " + id + ".\"}", gone.raw().body());
        assertEquals(404, http.patch(token, "/sip_phones/phones/" + id, Map.of("password", "x")).status());
    }

    @Test
    void createListUpdateDeleteOnTheLegacyResource() throws Exception {
        Res created = http.post(token, "/sip_phones", legacy("bob@example.com"));
        assertEquals(201, created.status(), created.toString());
        String id = created.json().get("id").asText();
        assertEquals(60, created.json().get("registration_expire_time").asInt(), "Zoom's default");

        JsonNode list = http.get(token, "/sip_phones").json();
        assertEquals(1, list.get("total_records").asInt());
        assertEquals(id, list.get("phones").get(0).get("id").asText());
        assertEquals("", list.get("phones").get(0).get("register_server2").asText());

        // the same phone through the newer resource
        assertEquals(id, http.get(token, "/sip_phones/phones").json().get("phones").get(0).get("phone_id").asText());

        Map<String, Object> update = legacy("bob@example.com");
        update.remove("user_email");
        update.put("password", "new-pass");
        update.put("transport_protocol", "AUTO");
        update.put("register_server2", "10.0.0.9");
        update.put("proxy_server2", "10.0.0.9");
        update.put("register_server3", "");
        update.put("proxy_server3", "");
        update.put("voice_mail", "");
        assertEquals(204, http.patch(token, "/sip_phones/" + id, update).status());
        SipPhone stored = sim.sipPhone(ACCOUNT, id).orElseThrow();
        assertEquals("new-pass", stored.password());
        assertEquals("AUTO", stored.server().transportProtocol());
        assertEquals("10.0.0.9", stored.server2().registerServer());

        update.remove("register_server2");
        Res incomplete = http.patch(token, "/sip_phones/" + id, update);
        assertEquals(400, incomplete.status());
        assertEquals(List.of("register_server2"), invalidFields(incomplete));

        assertEquals(204, http.delete(token, "/sip_phones/" + id).status());
        assertEquals(0, http.get(token, "/sip_phones").json().get("total_records").asInt());
    }

    @Test
    void validationErrorsUseCode300AndNameTheFields() throws Exception {
        Map<String, Object> noPassword = modern("alice@example.com");
        noPassword.remove("password");
        Res r = http.post(token, "/sip_phones/phones", noPassword);
        assertEquals(400, r.status());
        assertEquals(300, r.json().get("code").asInt());
        assertEquals("Validation Failed.", r.json().get("message").asText());
        assertEquals(List.of("password"), invalidFields(r));
        assertEquals("Invalid field.", r.json().get("errors").get(0).get("message").asText());

        Map<String, Object> badTransport = modern("alice@example.com");
        badTransport.put("server", Map.of("register_server", "10.0.0.1", "transport_protocol", "SCTP"));
        badTransport.put("registration_expire_time", 128);
        assertEquals(List.of("registration_expire_time", "server.transport_protocol"),
                invalidFields(http.post(token, "/sip_phones/phones", badTransport)));

        Map<String, Object> noServer = modern("alice@example.com");
        noServer.remove("server");
        assertEquals(List.of("server"), invalidFields(http.post(token, "/sip_phones/phones", noServer)));

        Map<String, Object> noRegister = modern("alice@example.com");
        noRegister.put("server", Map.of("proxy_server", "10.0.0.1"));
        assertEquals(List.of("server.register_server"), invalidFields(http.post(token, "/sip_phones/phones", noRegister)));

        Map<String, Object> legacyNoRegister = legacy("alice@example.com");
        legacyNoRegister.remove("register_server");
        legacyNoRegister.put("domain", "x".repeat(65));
        assertEquals(List.of("domain", "register_server"),
                invalidFields(http.post(token, "/sip_phones", legacyNoRegister)));

        Res notJson = http.post(token, "/sip_phones/phones", "{not json");
        assertEquals(400, notJson.status());
        assertEquals("{\"code\":300,\"message\":\"Request Body should be a valid JSON object.\"}", notJson.raw().body());

        assertTrue(sim.sipPhones(ACCOUNT).isEmpty());
    }

    @Test
    void userEmailMustBelongToAUserOfTheAccountPlatformSuffixesAllowed() throws Exception {
        Res r = http.post(token, "/sip_phones/phones", modern("nobody@example.com"));
        assertEquals(404, r.status());
        assertEquals("{\"code\":1001,\"message\":\"User nobody@example.com not exist or not belong to this account.\"}",
                r.raw().body());
        assertEquals(201, http.post(token, "/sip_phones/phones", modern("alice@example.com.pc")).status());
        assertEquals(404, http.post(token, "/sip_phones/phones", modern("alice@example.com.mac")).status(),
                ".mac is only listed for the legacy resource");
        assertEquals(201, http.post(token, "/sip_phones", legacy("alice@example.com.mac")).status());
    }

    @Test
    void oneSipPhonePerEmail() throws Exception {
        assertEquals(201, http.post(token, "/sip_phones/phones", modern("alice@example.com")).status());
        Res dup = http.post(token, "/sip_phones/phones", modern("ALICE@example.com"));
        assertEquals(400, dup.status());
        assertEquals("{\"code\":300,\"message\":\"SIP phone with the same email already exists.\"}", dup.raw().body());
    }

    @Test
    void withoutSipPhoneIntegrationEveryCallAnswersCode200() throws Exception {
        sim.setSipPhoneIntegration(ACCOUNT, false);
        Res r = http.get(token, "/sip_phones/phones");
        assertEquals(400, r.status());
        assertEquals(200, r.json().get("code").asInt());
        assertTrue(r.json().get("message").asText().startsWith("Permission missing"));
    }

    @Test
    void listPagesAndSearchesByEmailOrUserName() throws Exception {
        for (int i = 1; i <= 7; i++) {
            sim.addUser(ACCOUNT, "p" + i + "@example.com", "P", String.valueOf(i));
            sim.addSipPhone(ACCOUNT, SipPhone.of("p" + i + "@example.com", "+49" + i, "49" + i, "pw", "pbx.example.com",
                    "10.0.0.1"));
        }
        List<String> seen = new ArrayList<>();
        String next = "";
        int pages = 0;
        do {
            JsonNode body = http.get(token, "/sip_phones/phones?page_size=3"
                    + (next.isEmpty() ? "" : "&next_page_token=" + next)).json();
            body.get("phones").forEach(p -> seen.add(p.get("user_email").asText()));
            next = body.get("next_page_token").asText();
            pages++;
        } while (!next.isEmpty());
        assertEquals(3, pages);
        assertEquals(7, seen.size());
        assertEquals(3, sim.requestCount(ZoomSimulator.LIST_SIP_PHONES));

        JsonNode byEmail = http.get(token, "/sip_phones/phones?search_key=P3@example.com").json();
        assertEquals(1, byEmail.get("phones").size());
        assertEquals("+495", http.get(token, "/sip_phones?search_key=%2B495").json().get("phones").get(0)
                .get("user_name").asText());
    }
}
