package dev.openpsi.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Kafka cluster answers a metadata request (the database check comes with the pool). */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String bootstrapServers;
    private final Admin admin;

    public KafkaReadinessCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.CLIENT_ID_CONFIG, "openpsi-readiness"));
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named("kafka").status(nodes > 0)
                    .withData("bootstrap.servers", bootstrapServers).withData("nodes", nodes).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named("kafka").down()
                    .withData("bootstrap.servers", bootstrapServers).withData("error", e.toString()).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
