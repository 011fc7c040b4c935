package dev.openpsi.testkit.zoom;

import java.util.Objects;

/**
 * A SIP phone (Zoom's "Phone System Integration", PSI) of one simulated Zoom account.
 *
 * <p>Fields follow the SIP Phone resource of Zoom's Meeting API ({@code POST /sip_phones} and the newer
 * {@code POST /sip_phones/phones}): the legacy resource spells the three servers flat
 * ({@code register_server}, {@code proxy_server2}, {@code transport_protocol3}...), the newer one nests them
 * ({@code server}, {@code server_2}, {@code server_3}); both map onto {@link Server}.
 *
 * @param phoneId                {@code id} on the legacy resource, {@code phone_id} on the newer one
 * @param userEmail              the Zoom user's email, optionally with a platform suffix such as {@code .pc}
 * @param userName               "the phone number associated with the user in the SIP account"
 * @param registrationExpireTime minutes, 1..127, default 60
 * @param server                 the primary server, never null
 * @param server2                optional second server
 * @param server3                optional third server
 */
public record SipPhone(String phoneId, String userEmail, String userName, String authorizationName, String password,
        String domain, String voiceMail, int registrationExpireTime, Server server, Server server2, Server server3) {

    /** Transport protocols Zoom accepts ({@code transport_protocol} enum). */
    public static final java.util.List<String> TRANSPORTS = java.util.List.of("UDP", "TCP", "TLS", "AUTO");

    public SipPhone {
        Objects.requireNonNull(userEmail, "userEmail");
        Objects.requireNonNull(server, "server");
        voiceMail = voiceMail == null ? "" : voiceMail;
    }

    /** A convenient seed: one server, UDP, 60 minutes, no voicemail number. */
    public static SipPhone of(String userEmail, String userName, String authorizationName, String password,
            String domain, String registerServer) {
        return new SipPhone(null, userEmail, userName, authorizationName, password, domain, "", 60,
                new Server(registerServer, registerServer, "UDP"), null, null);
    }

    /** Server {@code 1}, {@code 2} or {@code 3}; null when not set. */
    public Server server(int index) {
        return switch (index) {
            case 1 -> server;
            case 2 -> server2;
            case 3 -> server3;
            default -> throw new IllegalArgumentException("server index is 1..3: " + index);
        };
    }

    SipPhone withPhoneId(String id) {
        return new SipPhone(id, userEmail, userName, authorizationName, password, domain, voiceMail,
                registrationExpireTime, server, server2, server3);
    }

    /**
     * One SIP server set: register server, proxy server and transport.
     *
     * @param transportProtocol {@code UDP}, {@code TCP}, {@code TLS} or {@code AUTO}
     */
    public record Server(String registerServer, String proxyServer, String transportProtocol) {
        public Server {
            registerServer = registerServer == null ? "" : registerServer;
            proxyServer = proxyServer == null ? "" : proxyServer;
        }
    }
}
