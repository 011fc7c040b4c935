package dev.openpsi.testkit.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import dev.openpsi.testkit.dist.ParentWatch;

/**
 * Where the real servers come from: resolved Maven artifacts recorded at build time by the
 * {@code openpsi-testkit-infra-dist} module.
 */
public record InfraDistribution(
        String kafkaVersion,
        List<Path> kafkaClasspath,
        String keycloakVersion,
        Path keycloakArchive,
        String postgresBinariesVersion,
        Path postgresBinariesJar) {

    private static final String RESOURCE = "/dev/openpsi/testkit/dist/infra-dist.properties";

    public static InfraDistribution load() {
        Properties p = new Properties();
        try (InputStream in = ParentWatch.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build libs/testkit/infra-dist first");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> classpath = Arrays.stream(required(p, "kafka.classpath").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
        return new InfraDistribution(
                required(p, "kafka.version"),
                classpath,
                required(p, "keycloak.version"),
                Path.of(required(p, "keycloak.archive")),
                required(p, "postgres.binaries.version"),
                Path.of(required(p, "postgres.binaries.jar")));
    }

    /** The broker classpath plus the jar holding {@link ParentWatch}. */
    public String brokerClasspath() {
        StringBuilder cp = new StringBuilder(parentWatchLocation().toString());
        for (Path entry : kafkaClasspath) {
            if (!Files.exists(entry)) {
                throw new IllegalStateException("Kafka broker jar missing from the local Maven repository: " + entry
                        + " (run ./mvnw -B install -DskipTests once)");
            }
            cp.append(java.io.File.pathSeparator).append(entry);
        }
        return cp.toString();
    }

    private static Path parentWatchLocation() {
        try {
            return Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("infra-dist property " + key + " was not resolved at build time: " + value);
        }
        return value.trim();
    }
}
