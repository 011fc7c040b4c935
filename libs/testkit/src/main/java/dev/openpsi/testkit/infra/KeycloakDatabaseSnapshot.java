package dev.openpsi.testkit.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A dump of a Keycloak database right after its first start (schema created, realm imported),
 * kept per Keycloak version and realm file. Restoring it into a new database lets the next
 * Keycloak skip its schema migration and realm import: about 30 s become about 10 s per test JVM.
 * Dump and restore use the PostgreSQL client tools next to the server binaries the kit runs.
 */
final class KeycloakDatabaseSnapshot {

    private static final Logger LOG = Logger.getLogger(KeycloakDatabaseSnapshot.class);

    private final Path file;
    private final Path bin;

    private KeycloakDatabaseSnapshot(Path file, Path bin) {
        this.file = file;
        this.bin = bin;
    }

    static KeycloakDatabaseSnapshot of(InfraDistribution dist, Path cache) {
        return new KeycloakDatabaseSnapshot(
                cache.resolve("keycloak-" + dist.keycloakVersion() + "-db-" + realmDigest() + ".dump"),
                PostgresServer.binaries(dist));
    }

    /** Restores the snapshot into the (new, empty) database; false when there is none or it does not apply. */
    boolean restoreInto(PostgresEndpoint db, String database) {
        if (!Files.exists(file) || !Files.isExecutable(bin.resolve("pg_restore"))) {
            return false;
        }
        try {
            tool(db, List.of(bin.resolve("pg_restore").toString(), "--no-owner", "--exit-on-error",
                    "-h", db.host(), "-p", Integer.toString(db.port()), "-U", db.user(), "-d", database, file.toString()));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Keycloak database snapshot %s not restored (%s); Keycloak will create its schema", file, e.getMessage());
            recreate(db, database);
            return false;
        }
    }

    /** Dumps the database once Keycloak has prepared it; later test JVMs restore this file. */
    void save(PostgresEndpoint db, String database) {
        if (Files.exists(file) || !Files.isExecutable(bin.resolve("pg_dump"))) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            tool(db, List.of(bin.resolve("pg_dump").toString(), "-Fc", "--no-owner", "-h", db.host(),
                    "-p", Integer.toString(db.port()), "-U", db.user(), "-f", tmp.toString(), database));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Keycloak database snapshot not saved: %s", e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temp file is replaced by the next save
            }
        }
    }

    private static void tool(PostgresEndpoint db, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(Map.of("PGPASSWORD", db.password()));
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " failed: " + new String(out).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void recreate(PostgresEndpoint db, String database) {
        try (Connection c = db.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database);
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate database " + database, e);
        }
    }

    /** The snapshot is valid only for the realm file it was made with. */
    private static String realmDigest() {
        try (InputStream realm = KeycloakDatabaseSnapshot.class.getResourceAsStream(KeycloakServer.REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException(KeycloakServer.REALM_RESOURCE + " missing from the test kit");
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(realm.readAllBytes()), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
