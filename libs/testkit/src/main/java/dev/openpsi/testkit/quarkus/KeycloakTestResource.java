package dev.openpsi.testkit.quarkus;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.openpsi.testkit.infra.Infra;
import dev.openpsi.testkit.infra.KeycloakEndpoint;

/** Wires a real Keycloak (openpsi realm imported) into a {@code @QuarkusTest} as the OIDC server. */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KeycloakEndpoint keycloak = Infra.keycloak();
        return Map.of(
                "quarkus.oidc.auth-server-url", keycloak.realmUrl(),
                "testkit.openpsi.keycloak.base-url", keycloak.baseUrl());
    }

    @Override
    public void stop() {
        // the server lives for the whole test JVM (started once, stopped at exit)
    }
}
