package dev.openpsi.testkit.keycloak;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.openpsi.testkit.infra.Infra;

/**
 * Real access tokens of the demo users of deploy/keycloak/realm-openpsi.json and of the
 * services' service accounts, from the test kit's Keycloak.
 */
public final class DemoTokens {

    /** partner, account-admin; account partner-one */
    public static final String PARTNER = "partner@partner.example";
    /** account-admin, user; account acme */
    public static final String ACME_ADMIN = "admin@acme.example";
    /** user; account acme */
    public static final String ACME_USER = "user@acme.example";
    /** account-admin, user; account globex */
    public static final String GLOBEX_ADMIN = "admin@globex.example";
    /** user; account globex */
    public static final String GLOBEX_USER = "user@globex.example";

    /** Tokens live 300 s in the realm; a test run reuses one for at most a minute. */
    private static final long REUSE_MILLIS = 60_000;
    private static final Map<String, Issued> ISSUED = new ConcurrentHashMap<>();

    private record Issued(String token, long at) {
    }

    private DemoTokens() {
    }

    /** The access token of a demo user (password grant through openpsi-cli). */
    public static String of(String email) {
        return ISSUED.compute(email, (user, issued) -> issued != null && System.currentTimeMillis() - issued.at() < REUSE_MILLIS
                ? issued
                : new Issued(tokens().passwordGrant("openpsi-cli", user, "demo"), System.currentTimeMillis())).token();
    }

    /** The client-credentials token of a service's service account (role service; local secrets). */
    public static String service(String serviceId) {
        return tokens().clientCredentials(serviceId, "dev-" + serviceId + "-secret");
    }

    /** A name or id no other test uses: {@code prefix-xxxxxxxx}. */
    public static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TokenClient tokens() {
        return new TokenClient(Infra.keycloak().realmUrl());
    }
}
