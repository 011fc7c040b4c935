package dev.openpsi.testkit.infra;

import java.time.Duration;
import java.util.function.Consumer;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The same three servers from Testcontainers, for machines with a Docker engine
 * ({@code OPENPSI_TESTKIT=containers}). Image versions match the local processes.
 */
final class ContainerInfra {

    static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
    static final String POSTGRES_IMAGE = "postgres:18";
    static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:26.7.3";

    private ContainerInfra() {
    }

    static KafkaEndpoint kafka(Consumer<Runnable> onExit) {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        kafka.start();
        onExit.accept(kafka::stop);
        return new KafkaEndpoint(kafka.getBootstrapServers());
    }

    static PostgresEndpoint postgres(Consumer<Runnable> onExit) {
        PostgreSQLContainer pg = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withUsername(PostgresServer.USER)
                .withPassword(PostgresServer.PASSWORD)
                .withDatabaseName("openpsi");
        pg.start();
        onExit.accept(pg::stop);
        return new PostgresEndpoint(pg.getHost(), pg.getMappedPort(5432), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    static KeycloakEndpoint keycloak(Consumer<Runnable> onExit) {
        GenericContainer<?> keycloak = new GenericContainer<>(DockerImageName.parse(KEYCLOAK_IMAGE))
                .withExposedPorts(8080, 9000)
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USER)
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD)
                .withEnv("KC_HEALTH_ENABLED", "true")
                .withCopyFileToContainer(MountableFile.forClasspathResource(KeycloakServer.REALM_RESOURCE),
                        "/opt/keycloak/data/import/realm-openpsi.json")
                .withCommand("start-dev", "--import-realm")
                .waitingFor(Wait.forHttp("/health/ready").forPort(9000).withStartupTimeout(Duration.ofMinutes(3)));
        keycloak.start();
        onExit.accept(keycloak::stop);
        return new KeycloakEndpoint("http://" + keycloak.getHost() + ":" + keycloak.getMappedPort(8080),
                KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
    }
}
