package dev.openpsi.zoomsync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.openpsi.testkit.infra.Infra;
import dev.openpsi.testkit.keycloak.TokenClient;

/** Real access tokens of the demo users of deploy/keycloak/realm-openpsi.json (and of this service's service account). */
final class DemoTokens {

    static final String ACME_ADMIN = "admin@acme.example";
    static final String ACME_USER = "user@acme.example";
    static final String GLOBEX_ADMIN = "admin@globex.example";

    /** Tokens live 300 s in the realm; a test run reuses one for at most a minute. */
    private static final long REUSE_MILLIS = 60_000;
    private static final Map<String, Issued> ISSUED = new ConcurrentHashMap<>();
    private static final String SERVICE = "service-account-zoom-sync";

    private record Issued(String token, long at) {
    }

    private DemoTokens() {
    }

    static String of(String email) {
        return ISSUED.compute(email, (user, issued) -> issued != null && System.currentTimeMillis() - issued.at() < REUSE_MILLIS
                ? issued
                : new Issued(tokens().passwordGrant("openpsi-cli", user, "demo"), System.currentTimeMillis())).token();
    }

    /** The client-credentials token of zoom-sync's service account (role service): acts for any account. */
    static String service() {
        return ISSUED.compute(SERVICE, (user, issued) -> issued != null && System.currentTimeMillis() - issued.at() < REUSE_MILLIS
                ? issued
                : new Issued(tokens().clientCredentials("zoom-sync", "dev-zoom-sync-secret"),
                        System.currentTimeMillis())).token();
    }

    private static TokenClient tokens() {
        return new TokenClient(Infra.keycloak().realmUrl());
    }
}
