package dev.openpsi.testkit.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.openpsi.testkit.infra.ManagedProcess.Lifetime;

/**
 * A real Keycloak server from the {@code keycloak-quarkus-dist} artifact, storing its data in
 * PostgreSQL (database {@code keycloak} of the given server) and importing the openpsi realm
 * ({@code deploy/keycloak/realm-openpsi.json}) at first start.
 *
 * <p>The distribution is unpacked and "built" for PostgreSQL once per machine under
 * {@code ~/.cache/openpsi} (or {@code $OPENPSI_CACHE}); later starts use {@code --optimized}.
 */
public final class KeycloakServer {

    private static final Logger LOG = Logger.getLogger(KeycloakServer.class);

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    static final String REALM_RESOURCE = "/dev/openpsi/testkit/keycloak/realm-openpsi.json";

    public record Settings(int port, int managementPort, Path workDir, Lifetime lifetime) {

        public static Settings forTests(Path workDir) {
            return new Settings(LoopbackPorts.free(), LoopbackPorts.free(), workDir, Lifetime.TIED_TO_THIS_JVM);
        }
    }

    private final Settings settings;
    private final ManagedProcess process;

    private KeycloakServer(Settings settings, ManagedProcess process) {
        this.settings = settings;
        this.process = process;
    }

    public static KeycloakServer start(InfraDistribution dist, Settings settings, PostgresEndpoint database) {
        long started = System.nanoTime();
        Path home = prepareDistribution(dist);
        KeycloakDatabaseSnapshot snapshot = KeycloakDatabaseSnapshot.of(dist, cache());
        boolean fresh = database.createDatabase("keycloak");
        boolean restored = fresh && snapshot.restoreInto(database, "keycloak");
        try {
            Files.createDirectories(settings.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true",
                "--http-host=" + LoopbackPorts.HOST,
                "--http-port=" + settings.port(),
                "--http-management-port=" + settings.managementPort(),
                "--hostname-strict=false",
                "--cache=local", // no clustering: production mode would otherwise open JGroups ports on every interface
                "--import-realm",
                "--db-url=" + database.jdbcUrl("keycloak"));
        Map<String, String> env = Map.of(
                "KC_DB_USERNAME", database.user(),
                "KC_DB_PASSWORD", database.password(),
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        ManagedProcess process = ManagedProcess.start("keycloak", command, env, settings.workDir(),
                settings.workDir().resolve("keycloak.log"), settings.lifetime(), ManagedProcess.StopSignal.TERM, false);
        KeycloakServer server = new KeycloakServer(settings, process);
        Waits.until("Keycloak on " + server.baseUrl(), Duration.ofSeconds(180), process, server::realmIsServed);
        if (fresh && !restored) {
            snapshot.save(database, "keycloak");
        }
        LOG.infof("Keycloak %s ready on %s in %d ms%s", dist.keycloakVersion(), server.baseUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                restored ? " (database restored from the prepared snapshot)" : "");
        return server;
    }

    /** Whether this machine already has the distribution unpacked and built (later starts are faster). */
    public static boolean isPrepared(InfraDistribution dist) {
        return Files.exists(cache().resolve("keycloak-" + dist.keycloakVersion()).resolve(".openpsi-built"));
    }

    static Path cache() {
        String cacheEnv = System.getenv("OPENPSI_CACHE");
        return cacheEnv != null && !cacheEnv.isBlank() ? Path.of(cacheEnv)
                : Path.of(System.getProperty("user.home"), ".cache", "openpsi");
    }

    /** Unpacks the distribution and runs {@code kc.sh build} for PostgreSQL, once per machine. */
    static Path prepareDistribution(InfraDistribution dist) {
        Path cache = cache();
        Path home = cache.resolve("keycloak-" + dist.keycloakVersion());
        Path built = home.resolve(".openpsi-built");
        Path prepareLog = cache.resolve("keycloak-" + dist.keycloakVersion() + "-prepare.log");
        try (var lock = FileLocks.exclusive(cache.resolve("keycloak-" + dist.keycloakVersion() + ".lock"))) {
            if (!Files.exists(built)) {
                LOG.infof("Preparing Keycloak %s in %s (first time only)", dist.keycloakVersion(), home);
                if (Files.exists(home)) {
                    Commands.run("removing a half-prepared Keycloak", List.of("rm", "-rf", home.toString()), cache, prepareLog,
                            Duration.ofMinutes(2));
                }
                Files.createDirectories(cache);
                Commands.run("unpacking Keycloak", List.of("tar", "-xzf", dist.keycloakArchive().toString(), "-C",
                        cache.toString()), cache, prepareLog, Duration.ofMinutes(5));
                Commands.run("kc.sh build", List.of(home.resolve("bin/kc.sh").toString(), "build", "--db=postgres",
                        "--health-enabled=true"), home, prepareLog, Duration.ofMinutes(5));
                Files.createFile(built);
            }
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
                if (realm == null) {
                    throw new IllegalStateException(REALM_RESOURCE + " missing from the test kit");
                }
                Path tmp = Files.createTempFile(importDir, "realm", ".tmp");
                Files.copy(realm, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, importDir.resolve("realm-openpsi.json"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://" + LoopbackPorts.HOST + ":" + settings.port();
    }

    public KeycloakEndpoint endpoint() {
        return new KeycloakEndpoint(baseUrl(), ADMIN_USER, ADMIN_PASSWORD);
    }

    public int port() {
        return settings.port();
    }

    public ManagedProcess process() {
        return process;
    }

    private boolean realmIsServed() {
        if (!LoopbackPorts.isOpen(settings.port())) {
            return false;
        }
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                    URI.create(endpoint().realmUrl() + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }
}
