package dev.openpsi.testkit.infra;

/** How to reach a running Keycloak with the openpsi realm. */
public record KeycloakEndpoint(String baseUrl, String adminUser, String adminPassword) {

    public static final String REALM = "openpsi";

    /** The OIDC issuer of the openpsi realm: what services use as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return baseUrl + "/realms/" + REALM;
    }
}
