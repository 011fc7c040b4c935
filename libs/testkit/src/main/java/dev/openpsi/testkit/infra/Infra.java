package dev.openpsi.testkit.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import org.jboss.logging.Logger;

/**
 * The real infrastructure of one test JVM: each server is started at most once, on free
 * loopback ports with data in a temporary directory, and stopped (data deleted) when the JVM
 * exits.
 *
 * <p>Quarkus may load this class through more than one class loader in a test run; the
 * endpoints of started servers are therefore published as JVM-wide system properties and the
 * start locks are interned strings, so a second loader reuses the servers instead of starting
 * new ones.
 *
 * <p>With {@code OPENPSI_TESTKIT=containers} (where a Docker engine exists) the same three
 * come from Testcontainers instead.
 */
public final class Infra {

    private static final Logger LOG = Logger.getLogger(Infra.class);

    private static final String KAFKA_PROPERTY = "testkit.openpsi.kafka.bootstrap";
    private static final String POSTGRES_PROPERTY = "testkit.openpsi.postgres.port";
    private static final String KEYCLOAK_PROPERTY = "testkit.openpsi.keycloak.url";
    private static final String ROOT_PROPERTY = "testkit.openpsi.root";

    // String literals are interned JVM-wide: the same monitors for every class loader.
    private static final String KAFKA_LOCK = "dev.openpsi.testkit.infra.Infra#kafka";
    private static final String POSTGRES_LOCK = "dev.openpsi.testkit.infra.Infra#postgres";
    private static final String KEYCLOAK_LOCK = "dev.openpsi.testkit.infra.Infra#keycloak";
    private static final String ROOT_LOCK = "dev.openpsi.testkit.infra.Infra#root";

    private static final Deque<Runnable> STOPS = new ArrayDeque<>();

    private Infra() {
    }

    /** True when {@code OPENPSI_TESTKIT=containers}: servers come from Testcontainers. */
    public static boolean containersMode() {
        String mode = System.getenv("OPENPSI_TESTKIT");
        return mode != null && mode.trim().toLowerCase(Locale.ROOT).equals("containers");
    }

    public static KafkaEndpoint kafka() {
        synchronized (KAFKA_LOCK) {
            String existing = System.getProperty(KAFKA_PROPERTY);
            if (existing != null) {
                return new KafkaEndpoint(existing);
            }
            KafkaEndpoint endpoint;
            if (containersMode()) {
                endpoint = ContainerInfra.kafka(Infra::onExit);
            } else {
                KafkaBroker broker = KafkaBroker.start(InfraDistribution.load(),
                        KafkaBroker.Settings.forTests(dir("kafka")));
                onExit(broker::stop);
                endpoint = broker.endpoint();
            }
            endpoint.createCatalogueTopics();
            System.setProperty(KAFKA_PROPERTY, endpoint.bootstrapServers());
            return endpoint;
        }
    }

    public static PostgresEndpoint postgres() {
        synchronized (POSTGRES_LOCK) {
            String existing = System.getProperty(POSTGRES_PROPERTY);
            if (existing != null) {
                String[] hostPort = existing.split(":");
                return new PostgresEndpoint(hostPort[0], Integer.parseInt(hostPort[1]), PostgresServer.USER,
                        PostgresServer.PASSWORD);
            }
            PostgresEndpoint endpoint;
            if (containersMode()) {
                endpoint = ContainerInfra.postgres(Infra::onExit);
            } else {
                PostgresServer server = PostgresServer.start(InfraDistribution.load(),
                        PostgresServer.Settings.forTests(dir("postgres")));
                onExit(server::stop);
                endpoint = server.endpoint();
            }
            System.setProperty(POSTGRES_PROPERTY, endpoint.host() + ":" + endpoint.port());
            return endpoint;
        }
    }

    public static KeycloakEndpoint keycloak() {
        synchronized (KEYCLOAK_LOCK) {
            String existing = System.getProperty(KEYCLOAK_PROPERTY);
            if (existing != null) {
                return new KeycloakEndpoint(existing, KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
            }
            KeycloakEndpoint endpoint;
            if (containersMode()) {
                endpoint = ContainerInfra.keycloak(Infra::onExit);
            } else {
                KeycloakServer server = KeycloakServer.start(InfraDistribution.load(),
                        KeycloakServer.Settings.forTests(dir("keycloak")), postgres());
                onExit(server::stop);
                endpoint = server.endpoint();
            }
            System.setProperty(KEYCLOAK_PROPERTY, endpoint.baseUrl());
            return endpoint;
        }
    }

    private static void onExit(Runnable stop) {
        synchronized (STOPS) {
            if (STOPS.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(Infra::stopAll, "openpsi-testkit-stop"));
            }
            STOPS.push(stop);
        }
    }

    /** Stops in reverse start order (Keycloak before the database it uses), then deletes the data. */
    private static void stopAll() {
        synchronized (STOPS) {
            while (!STOPS.isEmpty()) {
                try {
                    STOPS.pop().run();
                } catch (RuntimeException e) {
                    LOG.warn("stopping test infrastructure failed", e);
                }
            }
        }
        String root = System.getProperty(ROOT_PROPERTY);
        if (root != null) {
            deleteTree(Path.of(root));
        }
    }

    private static Path dir(String name) {
        synchronized (ROOT_LOCK) {
            try {
                String root = System.getProperty(ROOT_PROPERTY);
                if (root == null) {
                    Path created = Files.createTempDirectory("openpsi-testkit-");
                    // PostgreSQL may run as another user (never root): let it traverse to its directory
                    Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rwxr-xr-x"));
                    root = created.toString();
                    System.setProperty(ROOT_PROPERTY, root);
                }
                return Files.createDirectories(Path.of(root, name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteTree(Path root) {
        try {
            new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", root, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
