package dev.openpsi.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.openpsi.events.CloudEventHeaders;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.Topic;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.infra.LoopbackPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * N events on a topic, 1 % of them of one account; the replay's selection of that account over the
 * time range of the N events is timed against {@code kcat -C -e} reading the same range of the
 * same topic in the same run. Reported: records read per second of each and the ratio replay / kcat
 * (goal >= 0.5), for the dry run and the executed replay (one pass that sends as it selects). The
 * last of {@code --rounds} rounds is the measurement; earlier ones (a daemon that has just started
 * still compiles its scan path) are reported apart.
 */
@Command(name = "replay", description = "1,000,000 events, 1 % selected: replay selection throughput against kcat reading the same topic.")
final class ReplayBenchmark implements Callable<Integer> {

    private static final String TYPE = "dev.openpsi.platform.ComponentStatusChanged.v1";

    @Spec
    CommandSpec spec;

    @Mixin
    DaemonApi api;

    @Option(names = "--events", defaultValue = "1000000", description = "Events on the topic (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--every", defaultValue = "100", description = "One selected event in this many (default ${DEFAULT-VALUE}: 1 %).")
    int every;

    // a DLQ: only the journal reads it, so the benchmark's events wake no service's handlers
    @Option(names = "--topic", defaultValue = "openpsi.platform.v1.dlq", description = "Topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--rounds", defaultValue = "2",
            description = "Timed rounds over the same events; all but the last are reported as warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--kcat", defaultValue = "kcat", description = "The kcat binary (default ${DEFAULT-VALUE}).")
    String kcat;

    @Option(names = "--journal-wait", defaultValue = "900",
            description = "Seconds to wait for the journal to catch up before timing (default ${DEFAULT-VALUE}).")
    int journalWaitSeconds;

    @Override
    public Integer call() throws Exception {
        StackLayout stack = ((OpenPsi) spec.root().userObject()).layout();
        String bootstrap = LoopbackPorts.HOST + ":" + stack.ports().kafka();
        Console console = new Console(System.out);
        if (!LoopbackPorts.isOpen(stack.ports().kafka()) || !LoopbackPorts.isOpen(stack.ports().keycloak())) {
            System.err.println("the local stack is not running: ./openpsi up first");
            return 2;
        }
        if (!runs(kcat)) {
            System.err.println("the baseline needs kcat (" + kcat + " was not found or does not run): on Debian/Ubuntu"
                    + " `sudo apt-get install kcat`, or name the binary with --kcat");
            return 2;
        }
        if (rounds < 1) {
            System.err.println("--rounds must be at least 1");
            return 2;
        }
        if (Topic.fromName(topic).isEmpty()) {
            System.err.println("--topic must be a stream or DLQ of the catalogue");
            return 2;
        }
        String account = "bench-replay-" + UUID.randomUUID().toString().substring(0, 8);
        console.step("producing " + events + " events to " + topic + ", every " + every + "th of account " + account);
        Instant from = Instant.now();
        long selected = produce(bootstrap, account);
        Instant to = Instant.now().plusMillis(1);
        console.step("produced; " + selected + " events of " + account);
        awaitJournal(bootstrap, console);

        Map<String, Object> selection = Map.of("dlq", topic, "from", from.toString(), "to", to.toString(),
                "account", account);
        if (!Topic.isDlqName(topic)) {
            selection = Map.of("topic", topic, "from", from.toString(), "to", to.toString(), "account", account);
        }
        List<Round> results = new ArrayList<>();
        boolean right = true;
        for (int round = 1; round <= rounds; round++) {
            console.step("round " + round + " of " + rounds + (round < rounds ? " (warm-up, reported apart)" : ""));
            Round r = round(bootstrap, from, to, selection, console);
            results.add(r);
            right &= r.dryRunCount() == selected && r.sent() == selected && r.completed();
        }
        console.info("");
        for (int i = 0; i < results.size(); i++) {
            Round r = results.get(i);
            boolean last = i == results.size() - 1;
            console.info(String.format("%-9s selection (dry run) / kcat throughput: %.2f   replay (scan + send) / kcat: %.2f%s",
                    last ? "measured" : "warm-up", r.kcatSeconds() / r.drySeconds(), r.kcatSeconds() / r.replaySeconds(),
                    last ? "   (goal >= 0.5)" : ""));
        }
        if (!right) {
            System.err.println("expected " + selected + " selected and sent in every round");
        }
        return right ? 0 : 1;
    }

    /** One timed round: kcat, then the dry run, then the executed replay, over the same range. */
    private record Round(double kcatSeconds, double drySeconds, double replaySeconds, long dryRunCount, long sent,
                         boolean completed) {
    }

    private Round round(String bootstrap, Instant from, Instant to, Map<String, Object> selection, Console console)
            throws Exception {
        long t = System.nanoTime();
        long kcatRecords = kcat(bootstrap, from, to);
        double kcatSeconds = (System.nanoTime() - t) / 1e9;
        console.step(String.format("kcat -C -e read %d records in %.2f s (%.0f/s)", kcatRecords, kcatSeconds,
                kcatRecords / kcatSeconds));

        t = System.nanoTime();
        JsonNode dryRun = api.post(ReplayCommand.PATH, Map.of("selection", selection, "target", "cloudlink-daemon",
                "dryRun", true, "sample", 0), 200);
        double drySeconds = (System.nanoTime() - t) / 1e9;
        console.step(String.format("dry run selected %d of %d in %.2f s (%.0f read/s)", dryRun.path("count").asLong(),
                kcatRecords, drySeconds, kcatRecords / drySeconds));

        t = System.nanoTime();
        JsonNode status = api.post(ReplayCommand.PATH, Map.of("selection", selection, "target", "cloudlink-daemon",
                "ratePerSecond", 1_000_000), 202);
        String id = status.path("id").asText();
        while ("running".equals(status.path("status").asText())) {
            Thread.sleep(20); // the end is seen within 20 ms (a coarser poll would add to the replay's time)
            status = api.get(ReplayCommand.PATH + "/" + id, Map.of());
        }
        double replaySeconds = (System.nanoTime() - t) / 1e9;
        console.step(String.format("replay %s %s: %d sent in %.2f s (%.0f read/s over the range)", id,
                status.path("status").asText(), status.path("sent").asLong(), replaySeconds, kcatRecords / replaySeconds));
        return new Round(kcatSeconds, drySeconds, replaySeconds, dryRun.path("count").asLong(),
                status.path("sent").asLong(), "completed".equals(status.path("status").asText()));
    }

    private long produce(String bootstrap, String account) throws Exception {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-replay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        byte[] value = ("{\"account\":\"bench\",\"component\":\"bench\",\"type\":\"SBC\",\"status\":\"UP\","
                + "\"detail\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        long selected = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> last = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                boolean chosen = i % every == 0;
                String owner = chosen ? account : "bench-other";
                selected += chosen ? 1 : 0;
                RecordHeaders headers = TestEvents.cloudEventHeaders(ServiceName.CLOUDLINK_DAEMON, TYPE, owner);
                CloudEventHeaders.put(headers, CloudEventHeaders.SUBJECT, "sbc-" + (i % 1000));
                last.add(producer.send(new ProducerRecord<>(topic, null, owner + "/sbc-" + (i % 1000), value, headers)));
                if (last.size() == 10_000) {
                    for (Future<RecordMetadata> ack : last) {
                        ack.get(60, TimeUnit.SECONDS);
                    }
                    last.clear();
                }
            }
            for (Future<RecordMetadata> ack : last) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
        return selected;
    }

    /** The journal reads every topic; timing starts once it has caught up so it does not compete for the CPU. */
    private void awaitJournal(String bootstrap, Console console) throws Exception {
        String group = "openpsi.cloudlink-daemon.journal";
        long deadline = System.nanoTime() + Duration.ofSeconds(journalWaitSeconds).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                committed.keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                if (latest.isEmpty()) {
                    console.step("no journal consumer on " + topic + "; not waiting");
                    return;
                }
                long lag = 0;
                for (var e : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                    OffsetAndMetadata done = committed.get(e.getKey());
                    lag += e.getValue().offset() - (done == null ? 0 : done.offset());
                }
                if (lag <= 0) {
                    console.step("journal caught up");
                    return;
                }
                console.step("waiting for the journal: " + lag + " records behind");
                Thread.sleep(5_000);
            }
        }
        console.step("the journal is still behind; timing anyway (results are noisier)");
    }

    private static boolean runs(String binary) {
        try {
            Process p = new ProcessBuilder(binary, "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** kcat reading the same time range of the topic; returns the records it printed. */
    private long kcat(String bootstrap, Instant from, Instant to) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kcat, "-C", "-b", bootstrap, "-t", topic, "-o", "s@" + from.toEpochMilli(),
                "-o", "e@" + to.toEpochMilli(), "-e", "-q", "-f", "%o\\n").redirectErrorStream(false).start();
        long lines = 0;
        try (InputStream out = process.getInputStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = out.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("kcat failed: " + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return lines;
    }
}
