package dev.openpsi.testkit.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.jboss.logging.Logger;

import dev.openpsi.testkit.infra.ManagedProcess.Lifetime;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller), run in
 * its own JVM with the broker's own classpath. Topic auto-creation is off: only the catalogue's
 * topics exist, as in production.
 */
public final class KafkaBroker {

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);

    /** Where and how the broker runs. */
    public record Settings(int port, int controllerPort, Path dataDir, Lifetime lifetime, String maxHeap) {

        public static Settings forTests(Path dataDir) {
            return new Settings(LoopbackPorts.free(), LoopbackPorts.free(), dataDir, Lifetime.TIED_TO_THIS_JVM, "512m");
        }
    }

    private final Settings settings;
    private final ManagedProcess process;

    private KafkaBroker(Settings settings, ManagedProcess process) {
        this.settings = settings;
        this.process = process;
    }

    public static KafkaBroker start(InfraDistribution dist, Settings settings) {
        long started = System.nanoTime();
        Path logs = settings.dataDir().resolve("kraft-logs");
        Path config = settings.dataDir().resolve("server.properties");
        try {
            Files.createDirectories(logs);
            Files.writeString(config, serverProperties(settings, logs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath = dist.brokerClasspath();
        Path log = settings.dataDir().resolve("broker.log");
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(classpath, config, settings.dataDir(), log);
        }
        List<String> command = new ArrayList<>(List.of(JavaLauncher.java(),
                "-Xms128m", "-Xmx" + settings.maxHeap(),
                "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dopenpsi.component=kafka",
                "-cp", classpath));
        boolean tied = settings.lifetime() == Lifetime.TIED_TO_THIS_JVM;
        if (tied) {
            command.add("dev.openpsi.testkit.dist.ParentWatch");
        }
        command.add("kafka.Kafka");
        command.add(config.toString());
        ManagedProcess process = ManagedProcess.start("kafka", command, Map.of(), settings.dataDir(), log,
                settings.lifetime(), ManagedProcess.StopSignal.TERM, tied);
        KafkaBroker broker = new KafkaBroker(settings, process);
        Waits.until("Kafka broker on " + broker.bootstrapServers(), Duration.ofSeconds(60), process,
                broker::answersMetadata);
        LOG.infof("Kafka %s (KRaft) ready on %s in %d ms", dist.kafkaVersion(), broker.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return broker;
    }

    private static void format(String classpath, Path config, Path workDir, Path log) {
        Commands.run("Kafka storage format", List.of(JavaLauncher.java(), "-Xmx256m", "-cp", classpath,
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                workDir, log, Duration.ofSeconds(60));
    }

    private static String serverProperties(Settings s, Path logs) {
        String host = LoopbackPorts.HOST;
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + s.controllerPort(),
                "listeners=PLAINTEXT://" + host + ":" + s.port() + ",CONTROLLER://" + host + ":" + s.controllerPort(),
                "advertised.listeners=PLAINTEXT://" + host + ":" + s.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logs,
                "auto.create.topics.enable=false",
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + settings.port();
    }

    public ManagedProcess process() {
        return process;
    }

    public KafkaEndpoint endpoint() {
        return new KafkaEndpoint(bootstrapServers());
    }

    private boolean answersMetadata() {
        if (!LoopbackPorts.isOpen(settings.port())) {
            return false;
        }
        try (Admin admin = endpoint().admin()) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
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
