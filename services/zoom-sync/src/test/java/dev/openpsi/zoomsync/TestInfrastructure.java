package dev.openpsi.zoomsync;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import dev.openpsi.testkit.quarkus.KafkaTestResource;
import dev.openpsi.testkit.quarkus.KeycloakTestResource;
import dev.openpsi.testkit.quarkus.PostgresTestResource;

/** The real Kafka, PostgreSQL and Keycloak behind every test of zoom-sync. */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KeycloakTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
