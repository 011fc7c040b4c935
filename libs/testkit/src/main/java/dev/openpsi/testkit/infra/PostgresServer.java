package dev.openpsi.testkit.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.jboss.logging.Logger;

import dev.openpsi.testkit.infra.ManagedProcess.Lifetime;

/**
 * A real PostgreSQL server: the system's binaries when installed (Debian's
 * /usr/lib/postgresql/N/bin), otherwise the portable binaries of the zonky artifact. PostgreSQL
 * refuses to run as root, so under root the server runs as the {@code postgres} user (or
 * {@code nobody}) through {@code setpriv}.
 */
public final class PostgresServer {

    private static final Logger LOG = Logger.getLogger(PostgresServer.class);

    public static final String USER = "openpsi";
    public static final String PASSWORD = "openpsi";

    /** {@code durable=false} trades crash safety for speed (tests only). */
    public record Settings(int port, Path dataDir, Lifetime lifetime, boolean durable) {

        public static Settings forTests(Path dataDir) {
            return new Settings(LoopbackPorts.free(), dataDir, Lifetime.TIED_TO_THIS_JVM, false);
        }
    }

    private final Settings settings;
    private final ManagedProcess process;
    private final String version;

    private PostgresServer(Settings settings, ManagedProcess process, String version) {
        this.settings = settings;
        this.process = process;
        this.version = version;
    }

    public static PostgresServer start(InfraDistribution dist, Settings settings) {
        long started = System.nanoTime();
        Path bin = binaries(dist);
        Optional<int[]> runAs = unprivilegedUser();
        Path data = settings.dataDir().resolve("pgdata");
        Path log = settings.dataDir().resolve("postgres.log");
        try {
            Files.createDirectories(settings.dataDir());
            openForServerUser(settings.dataDir());
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initdb(bin, data, settings.dataDir(), runAs, log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(asUser(runAs));
        command.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(settings.port()),
                "-c", "listen_addresses=" + LoopbackPorts.HOST,
                "-c", "unix_socket_directories=",
                "-c", "max_connections=300",
                "-c", "shared_buffers=128MB"));
        if (!settings.durable()) {
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        ManagedProcess process = ManagedProcess.start("postgres", command, Map.of(), settings.dataDir(), log,
                settings.lifetime(), ManagedProcess.StopSignal.INT, false);
        String version = bin.getParent().getFileName().toString();
        PostgresServer server = new PostgresServer(settings, process, version);
        Waits.until("PostgreSQL on port " + settings.port(), Duration.ofSeconds(60), process, server::acceptsLogins);
        LOG.infof("PostgreSQL (%s) ready on %s:%d in %d ms", bin, LoopbackPorts.HOST, settings.port(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return server;
    }

    private static void initdb(Path bin, Path data, Path workDir, Optional<int[]> runAs, Path log) throws IOException {
        Path pwfile = workDir.resolve("initdb.pw");
        Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
        openForServerUser(pwfile);
        List<String> command = new ArrayList<>(asUser(runAs));
        command.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
        try {
            Commands.run("initdb", command, workDir, log, Duration.ofSeconds(120));
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** System binaries first (newest major version), else the portable ones, extracted once. */
    static Path binaries(InfraDistribution dist) {
        String override = System.getenv("OPENPSI_PG_BIN");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions
                        .filter(v -> Files.isExecutable(v.resolve("bin/postgres")) && Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> parseMajor(v.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return extractPortable(dist);
    }

    private static int parseMajor(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path extractPortable(InfraDistribution dist) {
        // Not under the home directory: the unprivileged server user must be able to reach it.
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "openpsi-postgres-" + dist.postgresBinariesVersion());
        Path marker = target.resolve(".complete");
        if (Files.exists(marker)) {
            return target.resolve("bin");
        }
        try (var lock = FileLocks.exclusive(target.resolveSibling(target.getFileName() + ".lock"))) {
            if (Files.exists(marker)) {
                return target.resolve("bin");
            }
            Files.createDirectories(target);
            Path txz = target.resolve("postgres.txz");
            try (ZipFile jar = new ZipFile(dist.postgresBinariesJar().toFile());
                    InputStream in = jar.getInputStream(jar.getEntry("postgres-linux-x86_64.txz"))) {
                Files.copy(in, txz, StandardCopyOption.REPLACE_EXISTING);
            }
            Commands.run("unpacking portable PostgreSQL", List.of("tar", "-xJf", txz.toString(), "-C", target.toString()),
                    target, target.resolveSibling(target.getFileName() + ".log"), Duration.ofMinutes(5));
            Files.delete(txz);
            openForServerUser(target);
            Files.createFile(marker);
            return target.resolve("bin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** uid/gid to run as when this JVM is root: postgres if it exists, else nobody. */
    private static Optional<int[]> unprivilegedUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        try {
            List<String> passwd = Files.readAllLines(Path.of("/etc/passwd"));
            for (String wanted : List.of("postgres", "nobody")) {
                for (String line : passwd) {
                    String[] f = line.split(":");
                    if (f.length > 3 && f[0].equals(wanted)) {
                        return Optional.of(new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("running as root and neither a postgres nor a nobody user exists");
    }

    private static List<String> asUser(Optional<int[]> user) {
        return user.map(u -> List.of("setpriv", "--reuid=" + u[0], "--regid=" + u[1], "--clear-groups", "--"))
                .orElse(List.of());
    }

    /** Gives the server user the directory (recursively) when running as root. */
    private static void openForServerUser(Path path) throws IOException {
        Optional<int[]> user = unprivilegedUser();
        if (user.isEmpty()) {
            return;
        }
        if (Files.isDirectory(path)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Commands.run("chown of " + path, List.of("chown", "-R", user.get()[0] + ":" + user.get()[1], path.toString()),
                path.getParent(), path.getParent().resolve("chown.log"), Duration.ofMinutes(1));
    }

    public int port() {
        return settings.port();
    }

    public String version() {
        return version;
    }

    public ManagedProcess process() {
        return process;
    }

    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint(LoopbackPorts.HOST, settings.port(), USER, PASSWORD);
    }

    private boolean acceptsLogins() {
        return LoopbackPorts.isOpen(settings.port()) && endpoint().acceptsLogins();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }
}
