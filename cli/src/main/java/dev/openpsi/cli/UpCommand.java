package dev.openpsi.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.openpsi.testkit.infra.InfraDistribution;
import dev.openpsi.testkit.infra.KafkaBroker;
import dev.openpsi.testkit.infra.KafkaEndpoint;
import dev.openpsi.testkit.infra.KeycloakServer;
import dev.openpsi.testkit.infra.LoopbackPorts;
import dev.openpsi.testkit.infra.ManagedProcess;
import dev.openpsi.testkit.infra.ManagedProcess.Lifetime;
import dev.openpsi.testkit.infra.ManagedProcess.StopSignal;
import dev.openpsi.testkit.infra.PostgresEndpoint;
import dev.openpsi.testkit.infra.PostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Starts the local stack: PostgreSQL, Kafka (with every catalogue topic), Keycloak, then every service. */
@Command(name = "up", description = "Start the local stack (reuses its data; --fresh starts clean).")
final class UpCommand implements Callable<Integer> {

    static final int ORDER_POSTGRES = 1;
    static final int ORDER_KAFKA = 2;
    static final int ORDER_KEYCLOAK = 3;
    static final int ORDER_ZOOM_SIMULATOR = 4;
    /** The local stack's stand-in for Zoom (never used outside the local stack and tests). */
    static final int ZOOM_SIMULATOR_PORT = 8090;
    static final String DEMO_ZOOM_ACCOUNT = "demo-zoom";
    static final String DEMO_ZOOM_CLIENT = "demo-client";
    static final String DEMO_ZOOM_SECRET = "demo-secret";
    static final int ORDER_SERVICES = 10;

    @ParentCommand
    OpenPsi parent;

    @Option(names = "--fresh", description = "Stop the stack if it runs and delete its data first.")
    boolean fresh;

    @Option(names = "--timeout", description = "Seconds to wait for each part to become ready (default ${DEFAULT-VALUE}).",
            defaultValue = "180")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        StackLayout stack = parent.layout();
        Console console = new Console(System.out);
        List<String> missing = StackLayout.SERVICES.stream().map(StackLayout.ServicePort::name)
                .filter(s -> !Files.exists(stack.serviceJar(s))).toList();
        if (!missing.isEmpty()) {
            System.err.println("Not built: " + missing + ". Run ./mvnw -B install -DskipTests (./openpsi up does it when needed).");
            return 2;
        }
        PidFiles pids = new PidFiles(stack.pids());
        if (fresh) {
            DownCommand.stopAll(pids, console);
            deleteTree(stack.data());
            console.step("deleted " + stack.data());
        }
        Files.createDirectories(stack.data());
        Files.createDirectories(stack.logs());
        InfraDistribution dist = InfraDistribution.load();
        StackLayout.Ports ports = stack.ports();

        PostgresEndpoint postgres = new PostgresEndpoint(LoopbackPorts.HOST, ports.postgres(), PostgresServer.USER,
                PostgresServer.PASSWORD);
        if (!running(pids, "postgres", console)) {
            requireFree(ports.postgres(), "PostgreSQL");
            long t = System.nanoTime();
            PostgresServer server = PostgresServer.start(dist, new PostgresServer.Settings(ports.postgres(),
                    stack.data().resolve("postgres"), Lifetime.DETACHED, true));
            pids.write(new PidFiles.Entry("postgres", server.process().pid(), StopSignal.INT, ORDER_POSTGRES, null));
            console.step("PostgreSQL " + server.version() + " ready on 127.0.0.1:" + ports.postgres() + " (" + Console.seconds(t) + ")");
        }
        postgres.createDatabase("openpsi");

        if (!running(pids, "kafka", console)) {
            requireFree(ports.kafka(), "Kafka");
            requireFree(ports.kafkaController(), "the Kafka controller");
            long t = System.nanoTime();
            KafkaBroker broker = KafkaBroker.start(dist, new KafkaBroker.Settings(ports.kafka(), ports.kafkaController(),
                    stack.data().resolve("kafka"), Lifetime.DETACHED, "512m"));
            pids.write(new PidFiles.Entry("kafka", broker.process().pid(), StopSignal.TERM, ORDER_KAFKA, null));
            console.step("Kafka " + dist.kafkaVersion() + " (KRaft) ready on " + broker.bootstrapServers() + " (" + Console.seconds(t) + ")");
        }
        KafkaEndpoint kafka = new KafkaEndpoint(LoopbackPorts.HOST + ":" + ports.kafka());
        kafka.createCatalogueTopics();
        console.step("topics of the catalogue present (" + dev.openpsi.events.TopicCatalogue.all().size() + ")");

        if (!running(pids, "keycloak", console)) {
            requireFree(ports.keycloak(), "Keycloak");
            requireFree(ports.keycloakManagement(), "Keycloak management");
            console.step("starting Keycloak " + dist.keycloakVersion()
                    + (KeycloakServer.isPrepared(dist) ? "" : " (first start on this machine: preparing it, about a minute)"));
            long t = System.nanoTime();
            KeycloakServer keycloak = KeycloakServer.start(dist, new KeycloakServer.Settings(ports.keycloak(),
                    ports.keycloakManagement(), stack.data().resolve("keycloak"), Lifetime.DETACHED), postgres);
            pids.write(new PidFiles.Entry("keycloak", keycloak.process().pid(), StopSignal.TERM, ORDER_KEYCLOAK,
                    keycloak.endpoint().realmUrl() + "/.well-known/openid-configuration"));
            console.step("Keycloak ready on " + keycloak.baseUrl() + ", realm openpsi (" + Console.seconds(t) + ")");
        }

        if (!running(pids, "zoom-simulator", console)) {
            requireFree(ZOOM_SIMULATOR_PORT, "the Zoom simulator");
            ManagedProcess simulator = ManagedProcess.start("zoom-simulator", List.of(JavaRuntime.java(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), "dev.openpsi.testkit.zoom.ZoomSimulator",
                    "--port=" + ZOOM_SIMULATOR_PORT, "--account=" + DEMO_ZOOM_ACCOUNT, "--client-id=" + DEMO_ZOOM_CLIENT,
                    "--client-secret=" + DEMO_ZOOM_SECRET, "--users=20", "--email-pattern=user%d@acme.example.com"),
                    Map.of(), stack.home(), stack.logs().resolve("zoom-simulator.log"), Lifetime.DETACHED, StopSignal.TERM, false);
            pids.write(new PidFiles.Entry("zoom-simulator", simulator.pid(), StopSignal.TERM, ORDER_ZOOM_SIMULATOR,
                    null));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!LoopbackPorts.isOpen(ZOOM_SIMULATOR_PORT)) {
                if (!simulator.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Zoom simulator did not start:\n" + simulator.logTail(20));
                }
                Thread.sleep(100);
            }
            console.step("Zoom simulator (demo tenant " + DEMO_ZOOM_ACCOUNT + ", 20 users user1..20@acme.example.com) on 127.0.0.1:"
                    + ZOOM_SIMULATOR_PORT);
        }

        Map<String, String> readyUrls = new LinkedHashMap<>();
        int order = ORDER_SERVICES;
        for (StackLayout.ServicePort service : StackLayout.SERVICES) {
            order++;
            if (running(pids, service.name(), console)) {
                continue;
            }
            requireFree(service.port(), service.name());
            ManagedProcess process = ManagedProcess.start(service.name(), serviceCommand(stack, service.name()),
                    serviceEnvironment(stack, service.name()), stack.home(), stack.logs().resolve(service.name() + ".log"),
                    Lifetime.DETACHED, StopSignal.TERM, false);
            String ready = service.url() + "/q/health/ready";
            pids.write(new PidFiles.Entry(service.name(), process.pid(), StopSignal.TERM, order, ready));
            readyUrls.put(service.name(), ready);
        }
        if (!readyUrls.isEmpty()) {
            console.step("starting " + String.join(", ", readyUrls.keySet()));
        }
        if (!awaitReady(readyUrls, pids, stack, console)) {
            return 1;
        }
        printSummary(stack, console);
        return 0;
    }

    private static boolean running(PidFiles pids, String name, Console console) {
        boolean alive = pids.read(name).map(PidFiles.Entry::alive).orElse(false);
        if (alive) {
            console.step(name + " already running");
        } else {
            pids.remove(name);
        }
        return alive;
    }

    private static void requireFree(int port, String what) {
        if (LoopbackPorts.isOpen(port)) {
            throw new IllegalStateException("port " + port + " (for " + what + ") is in use by another program; stop it first");
        }
    }

    private static List<String> serviceCommand(StackLayout stack, String service) {
        return List.of(dev.openpsi.cli.JavaRuntime.java(), "-Xms" + heap(service)[0], "-Xmx" + heap(service)[1],
                "-XX:+UseSerialGC", "-Dopenpsi.stack=local", "-jar", stack.serviceJar(service).toString());
    }

    /**
     * Initial and maximum heap. cloudlink-daemon reads every topic into the journal and scans whole
     * topics for replays: with a 32 MiB start its young generation stayed small, fetched batches were
     * promoted and a replay scan spent a third of its time in full collections.
     */
    static String[] heap(String service) {
        return "cloudlink-daemon".equals(service) ? new String[] {"256m", "512m"} : new String[] {"32m", "256m"};
    }

    static Map<String, String> serviceEnvironment(StackLayout stack, String service) {
        StackLayout.Ports p = stack.ports();
        String zoom = "http://" + LoopbackPorts.HOST + ":" + ZOOM_SIMULATOR_PORT;
        return new ServiceEnvironment(LoopbackPorts.HOST + ":" + p.kafka(), LoopbackPorts.HOST + ":" + p.postgres(),
                stack.keycloakUrl() + "/realms/openpsi", zoom + "/v2", zoom + "/oauth").variables();
    }

    private boolean awaitReady(Map<String, String> readyUrls, PidFiles pids, StackLayout stack, Console console)
            throws InterruptedException {
        Map<String, String> waiting = new LinkedHashMap<>(readyUrls);
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (!waiting.isEmpty()) {
            List<String> done = new ArrayList<>();
            for (Map.Entry<String, String> e : waiting.entrySet()) {
                boolean alive = pids.read(e.getKey()).map(PidFiles.Entry::alive).orElse(false);
                if (!alive) {
                    console.step(e.getKey() + " exited; last lines of " + stack.logs().resolve(e.getKey() + ".log") + ":");
                    System.out.println(tail(stack.logs().resolve(e.getKey() + ".log")));
                    return false;
                }
                if (Probes.httpStatus(e.getValue()) == 200) {
                    console.step(e.getKey() + " ready on " + e.getValue().replace("/q/health/ready", ""));
                    done.add(e.getKey());
                }
            }
            done.forEach(waiting::remove);
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    console.step("not ready in time: " + waiting.keySet() + " (see " + stack.logs() + ")");
                    return false;
                }
                Thread.sleep(250);
            }
        }
        return true;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void printSummary(StackLayout stack, Console console) {
        StackLayout.Ports p = stack.ports();
        console.info("");
        console.info("openpsi is up (" + console.elapsed() + ").");
        console.info("");
        console.info("  Services (OpenAPI at <url>/q/openapi, health at <url>/q/health):");
        for (StackLayout.ServicePort s : StackLayout.SERVICES) {
            console.info(String.format("    %-17s %s", s.name(), s.url()));
        }
        console.info("  Kafka              127.0.0.1:" + p.kafka());
        console.info("  PostgreSQL         127.0.0.1:" + p.postgres() + " (database openpsi, user openpsi / openpsi)");
        console.info("  Keycloak           " + stack.keycloakUrl() + " (realm openpsi; admin console user admin / admin)");
        console.info("  Zoom simulator     127.0.0.1:" + ZOOM_SIMULATOR_PORT + " (tenant " + DEMO_ZOOM_ACCOUNT + ", client "
                + DEMO_ZOOM_CLIENT + " / " + DEMO_ZOOM_SECRET + ")");
        console.info("");
        console.info("  Demo users (password: demo):");
        console.info("    partner@partner.example  partner, account-admin   account partner-one");
        console.info("    admin@acme.example       account-admin, user      account acme");
        console.info("    user@acme.example        user                     account acme");
        console.info("    admin@globex.example     account-admin, user      account globex");
        console.info("    user@globex.example      user                     account globex");
        console.info("");
        console.info("  Try:  TOKEN=$(./openpsi token --user admin@acme.example)");
        console.info("        curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8081/api/v1/accounts/acme");
        console.info("  Then: ./openpsi status    ./openpsi down");
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Process rm = new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start();
            if (rm.waitFor() != 0) {
                throw new IllegalStateException("cannot delete " + dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
