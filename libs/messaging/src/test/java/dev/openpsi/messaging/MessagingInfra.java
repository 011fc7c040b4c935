package dev.openpsi.messaging;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import dev.openpsi.testkit.quarkus.KafkaTestResource;
import dev.openpsi.testkit.quarkus.PostgresTestResource;

/** Real Kafka and PostgreSQL for every test of this module. */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
public final class MessagingInfra {

    private MessagingInfra() {
    }
}
