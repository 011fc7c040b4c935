package dev.openpsi.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.openpsi.cli.ServiceEnvironment;
import dev.openpsi.testkit.infra.Infra;
import dev.openpsi.testkit.infra.KafkaEndpoint;
import dev.openpsi.testkit.infra.KeycloakEndpoint;
import dev.openpsi.testkit.infra.LoopbackPorts;
import dev.openpsi.testkit.infra.ManagedProcess;
import dev.openpsi.testkit.infra.ManagedProcess.Lifetime;
import dev.openpsi.testkit.infra.ManagedProcess.StopSignal;
import dev.openpsi.testkit.infra.PostgresEndpoint;
import dev.openpsi.testkit.keycloak.KeycloakAdmin;
import dev.openpsi.testkit.zoom.ZoomSimulator;

/**
 * The whole platform for one test class: the test kit's real Kafka, PostgreSQL and Keycloak, the
 * Zoom simulator, and chosen services launched from their built jars
 * ({@code services/<s>/target/quarkus-app/quarkus-run.jar}) as separate processes on free ports,
 * one or more instances each, tied to this JVM. Register it with {@code @RegisterExtension}.
 *
 * <p>The services are wired as the local stack wires them ({@link ServiceEnvironment}); in
 * addition cloudlink-daemon's console is pointed at the first zoom-sync instance and zoom-sync
 * allows the consoles' origins (CORS).
 */
public final class WholeStack implements BeforeAllCallback, AfterAllCallback {

    /** The admin console's public client in the realm. */
    public static final String CONSOLE_CLIENT = "openpsi-console";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, Integer> wanted;
    private final Map<String, Map<String, String>> extraEnvironment;
    private final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    private ZoomSimulator zoom;
    private KafkaEndpoint kafka;
    private PostgresEndpoint postgres;
    private KeycloakEndpoint keycloak;

    /** One running service process. */
    public record Instance(String service, int index, int port, ManagedProcess process) {
        public String url() {
            return "http://" + LoopbackPorts.HOST + ":" + port;
        }
    }

    private WholeStack(Map<String, Integer> wanted, Map<String, Map<String, String>> extraEnvironment) {
        this.wanted = wanted;
        this.extraEnvironment = extraEnvironment;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Integer> wanted = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> env = new LinkedHashMap<>();

        /** One instance of {@code service} (its directory name under services/). */
        public Builder service(String service) {
            return service(service, 1);
        }

        public Builder service(String service, int count) {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
            wanted.put(service, count);
            return this;
        }

        /** An extra environment variable for every instance of {@code service}. */
        public Builder env(String service, String name, String value) {
            env.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public WholeStack build() {
            return new WholeStack(new LinkedHashMap<>(wanted), env);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the infrastructure, the Zoom simulator and every wanted instance, and waits until each is ready. */
    public void start() throws InterruptedException {
        postgres = Infra.postgres();
        postgres.createDatabase("openpsi");
        kafka = Infra.kafka();
        keycloak = Infra.keycloak();
        zoom = new ZoomSimulator().start();

        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        wanted.forEach((service, count) -> {
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(LoopbackPorts.free());
            }
            ports.put(service, list);
        });
        if (ports.containsKey("cloudlink-daemon")) {
            // the console is served from a port chosen now: let Keycloak answer its browser calls
            new KeycloakAdmin(keycloak.baseUrl(), keycloak.adminUser(), keycloak.adminPassword()).addWebOrigins(
                    KeycloakEndpoint.REALM, CONSOLE_CLIENT, ports.get("cloudlink-daemon").stream()
                            .flatMap(p -> Stream.of("http://" + LoopbackPorts.HOST + ":" + p, "http://localhost:" + p)).toList());
        }
        ServiceEnvironment base = new ServiceEnvironment(kafka.bootstrapServers(), postgres.host() + ":" + postgres.port(),
                keycloak.realmUrl(), zoom.baseUrl(), zoom.oauthUrl());
        for (Map.Entry<String, List<Integer>> e : ports.entrySet()) {
            String service = e.getKey();
            List<Instance> started = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                int port = e.getValue().get(i);
                Map<String, String> env = new LinkedHashMap<>(base.variables());
                env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
                env.putAll(consoleWiring(service, ports));
                env.putAll(extraEnvironment.getOrDefault(service, Map.of()));
                started.add(new Instance(service, i, port, launch(service, i, env)));
            }
            instances.put(service, started);
        }
        awaitReady();
    }

    /** cloudlink-daemon's console calls the first zoom-sync; zoom-sync lets every console origin in. */
    private static Map<String, String> consoleWiring(String service, Map<String, List<Integer>> ports) {
        Map<String, String> env = new LinkedHashMap<>();
        if (service.equals("cloudlink-daemon") && ports.containsKey("zoom-sync")) {
            env.put("OPENPSI_CONSOLE_ZOOM_SYNC_URL", "http://" + LoopbackPorts.HOST + ":" + ports.get("zoom-sync").get(0));
        }
        if (service.equals("zoom-sync") && ports.containsKey("cloudlink-daemon")) {
            env.put("OPENPSI_CONSOLE_ORIGINS", ports.get("cloudlink-daemon").stream()
                    .map(p -> "http://" + LoopbackPorts.HOST + ":" + p + ",http://localhost:" + p)
                    .collect(Collectors.joining(",")));
        }
        return env;
    }

    private static ManagedProcess launch(String service, int index, Map<String, String> env) {
        Path jar = projectRoot().resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + service + " in the same reactor run first");
        }
        String name = service + "-" + index;
        return ManagedProcess.start(name, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()),
                env, output(), output().resolve("whole-stack").resolve(name + ".log"), Lifetime.TIED_TO_THIS_JVM,
                StopSignal.TERM, false);
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (List<Instance> list : instances.values()) {
            for (Instance instance : list) {
                while (status(instance.url() + "/q/health/ready") != 200) {
                    if (!instance.process().isAlive()) {
                        throw new IllegalStateException(instance.process().name() + " exited:\n" + instance.process().logTail(40));
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(instance.process().name() + " not ready in " + READY_TIMEOUT + ":\n"
                                + instance.process().logTail(40));
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops the services (last started first), then the Zoom simulator; the infrastructure lives until the JVM exits. */
    public void stop() {
        List<Instance> all = new ArrayList<>();
        instances.values().forEach(all::addAll);
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).process().stop(Duration.ofSeconds(20));
        }
        instances.clear();
        if (zoom != null) {
            zoom.close();
        }
    }

    public Instance instance(String service, int index) {
        List<Instance> list = instances.get(service);
        if (list == null || index >= list.size()) {
            throw new IllegalArgumentException("no instance " + index + " of " + service);
        }
        return list.get(index);
    }

    /** The first instance's base URL. */
    public String url(String service) {
        return instance(service, 0).url();
    }

    public List<Instance> instances(String service) {
        return List.copyOf(instances.getOrDefault(service, List.of()));
    }

    public ZoomSimulator zoom() {
        return zoom;
    }

    public KafkaEndpoint kafka() {
        return kafka;
    }

    public PostgresEndpoint postgres() {
        return postgres;
    }

    public KeycloakEndpoint keycloak() {
        return keycloak;
    }

    /** The project root (the reactor's base directory). */
    public static Path projectRoot() {
        return Path.of(System.getProperty("openpsi.project.root", "..")).toAbsolutePath().normalize();
    }

    /** This module's build directory (logs, screenshots, downloads). */
    public static Path output() {
        Path dir = Path.of(System.getProperty("openpsi.it.output", "target")).toAbsolutePath().normalize();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
