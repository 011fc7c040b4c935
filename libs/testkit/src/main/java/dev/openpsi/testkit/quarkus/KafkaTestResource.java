package dev.openpsi.testkit.quarkus;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.openpsi.testkit.infra.Infra;

/**
 * Wires a real Kafka broker (with every catalogue topic) into a {@code @QuarkusTest}:
 * {@code @WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", Infra.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker lives for the whole test JVM (started once, stopped at exit)
    }
}
