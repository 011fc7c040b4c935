package dev.openpsi.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.openpsi.events.Envelope;
import dev.openpsi.events.EventTypes;
import dev.openpsi.events.ServiceName;
import dev.openpsi.events.payload.calllog.CallDirection;
import dev.openpsi.events.payload.calllog.CallDisposition;
import dev.openpsi.events.payload.calllog.CallLogRecorded;
import dev.openpsi.testkit.events.TestEvents;
import dev.openpsi.testkit.infra.LoopbackPorts;
import dev.openpsi.testkit.infra.PostgresEndpoint;
import dev.openpsi.testkit.infra.PostgresServer;
import dev.openpsi.testkit.keycloak.TokenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The event journal's two promises, measured on the local stack.
 *
 * <p><b>Lag</b>: call-log events are sent at a steady rate (5,000/s by default) for a while; each
 * one's lag is the time from its {@code ce_time} (set when it is sent) to the row's
 * {@code received_at} in the journal. The baseline, measured in the same run, is a plain Kafka
 * consumer in this process reading the same records: what delivery alone costs.
 *
 * <p><b>Queries</b>: the journal is filled to a million rows (10 accounts, 5,000 subjects each, 8
 * event types, 1 % dead letters, 30 days), then each common filter of {@code GET /api/v1/journal}
 * is asked repeatedly; its p50/p99 are compared with the same keyset query sent straight to
 * PostgreSQL over JDBC (what the service's own work costs on top).
 */
@Command(name = "journal", description = "Journal lag at a steady event rate, and query latency over 1,000,000 rows.")
final class JournalBenchmark implements Callable<Integer> {

    private static final String LAG_ACCOUNT = "bench-journal-lag";
    private static final String WARMUP_ACCOUNT = "bench-journal-warmup";
    private static final String QUERY_ACCOUNTS = "bench-journal-q";
    private static final int ACCOUNTS = 10;
    private static final int SUBJECTS = 5_000;
    private static final List<String> TYPES = List.of("ZoomUserLinked", "ZoomUserUpdated", "SipPhoneProvisioned",
            "CloudLinkUserCreated", "LicenseAssigned", "MessageWaitingChanged", "CallLogRecorded", "ForwardingChanged");

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", defaultValue = "5000", description = "Events per second sent (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "20", description = "How long events are sent (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "15",
            description = "Seconds of events at the same rate sent first and reported apart: a service that has just"
                    + " started compiles its hot paths then (default ${DEFAULT-VALUE}; 0: none).")
    int warmupSeconds;

    @Option(names = "--rows", defaultValue = "1000000", description = "Journal rows for the queries (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--queries", defaultValue = "200", description = "Requests per filter (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--cloudlink-daemon", defaultValue = "http://127.0.0.1:8081", description = "cloudlink-daemon's URL.")
    String daemon;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        StackLayout stack = ((OpenPsi) spec.root().userObject()).layout();
        Console console = new Console(System.out);
        if (!LoopbackPorts.isOpen(stack.ports().kafka()) || Probes.httpStatus(daemon + "/q/health/ready") != 200) {
            System.err.println("the local stack is not running: ./openpsi up first");
            return 2;
        }
        PostgresEndpoint pg = new PostgresEndpoint(LoopbackPorts.HOST, stack.ports().postgres(), PostgresServer.USER,
                PostgresServer.PASSWORD);
        String bootstrap = LoopbackPorts.HOST + ":" + stack.ports().kafka();
        TokenClient tokens = new TokenClient(stack.keycloakUrl() + "/realms/openpsi");

        boolean lagMet = lag(console, pg, bootstrap);
        boolean queriesMet = queries(console, pg, tokens);
        return lagMet && queriesMet ? 0 : 1;
    }

    // ------------------------------------------------------------------ lag

    private boolean lag(Console console, PostgresEndpoint pg, String bootstrap) throws Exception {
        try (Connection c = pg.connect("openpsi"); Statement s = c.createStatement()) {
            s.execute("delete from cloudlink_daemon.journal_event where account in ('" + LAG_ACCOUNT + "', '"
                    + WARMUP_ACCOUNT + "')");
        }
        double[] warmup = null;
        long warmupSent = 0;
        if (warmupSeconds > 0) {
            console.step(String.format("warm-up: %d events at %d/s for %d s (reported apart)", (long) rate * warmupSeconds,
                    rate, warmupSeconds));
            warmupSent = send(bootstrap, (long) rate * warmupSeconds, console, WARMUP_ACCOUNT);
            awaitJournaled(pg, WARMUP_ACCOUNT, warmupSent);
            warmup = journalLag(pg, WARMUP_ACCOUNT);
        }
        long total = (long) rate * seconds;
        console.step(String.format("lag: sending %d call-log events at %d/s for %d s", total, rate, seconds));
        String topic = EventTypes.CALL_LOG_RECORDED.topic().topicName();

        // the baseline reader: positioned at the end of every partition before the first send
        List<Long> kafkaLagMicros = new ArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong read = new AtomicLong();
        KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        reader.assign(partitions);
        reader.seekToEnd(partitions);
        partitions.forEach(reader::position);
        Thread readerThread = new Thread(() -> {
            try (reader) {
                while (reading.get() || read.get() < total) {
                    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(50))) {
                        String time = TestEvents.header(r, "ce_time");
                        String account = TestEvents.header(r, "openpsi_account");
                        if (LAG_ACCOUNT.equals(account) && time != null) {
                            long micros = TimeUnit.NANOSECONDS.toMicros(
                                    Duration.between(Instant.parse(time), Instant.now()).toNanos());
                            synchronized (kafkaLagMicros) {
                                kafkaLagMicros.add(micros);
                            }
                            read.incrementAndGet();
                        }
                    }
                    if (!reading.get() && read.get() < total) {
                        break; // the sender gave up; nothing more will come
                    }
                }
            }
        }, "baseline-reader");
        readerThread.start();

        long sent = send(bootstrap, total, console, LAG_ACCOUNT);
        long journaled = awaitJournaled(pg, LAG_ACCOUNT, sent);
        reading.set(false);
        readerThread.join(30_000);
        double[] journal = journalLag(pg, LAG_ACCOUNT);
        long[] baseline;
        synchronized (kafkaLagMicros) {
            baseline = kafkaLagMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        double kafka50 = percentile(baseline, 0.50) / 1000.0;
        double kafka99 = percentile(baseline, 0.99) / 1000.0;
        console.info("");
        console.info(String.format("Journal lag, %d events sent at %d/s (%d journaled, %d read by the baseline consumer)",
                sent, rate, journaled, baseline.length));
        console.info(String.format("  journal           p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms   (goal p99 < 1000 ms)",
                journal[0], journal[1], journal[2]));
        if (warmup != null) {
            console.info(String.format("  warm-up (%d s)    p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms   (%d events sent first, not counted)",
                    warmupSeconds, warmup[0], warmup[1], warmup[2], warmupSent));
        }
        console.info(String.format("  baseline consumer p50 %7.1f ms   p99 %7.1f ms   ratio of p99s %.2f",
                kafka50, kafka99, kafka99 == 0 ? 0 : journal[1] / kafka99));
        return journaled == sent && journal[1] < 1000;
    }

    /** Waits (at most 2 min) until the account's events are journaled; how many are. */
    private long awaitJournaled(PostgresEndpoint pg, String account, long sent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long journaled;
        do {
            Thread.sleep(200);
            journaled = count(pg, "select count(*) from cloudlink_daemon.journal_event where account = '" + account + "'");
        } while (journaled < sent && System.nanoTime() < deadline);
        return journaled;
    }

    /** p50, p99 and max of received_at - ce_time over the account's rows, in ms. */
    private static double[] journalLag(PostgresEndpoint pg, String account) throws SQLException {
        try (Connection c = pg.connect("openpsi"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("""
                     select percentile_cont(0.5) within group (order by extract(epoch from received_at - ce_time)),
                            percentile_cont(0.99) within group (order by extract(epoch from received_at - ce_time)),
                            max(extract(epoch from received_at - ce_time))
                       from cloudlink_daemon.journal_event where account = '""" + account + "'")) {
            r.next();
            return new double[] {r.getDouble(1) * 1000, r.getDouble(2) * 1000, r.getDouble(3) * 1000};
        }
    }

    /** Sends {@code total} events of {@code account} paced to the rate (a batch every 10 ms); the number acknowledged. */
    private long send(String bootstrap, long total, Console console, String account) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            AtomicLong acked = new AtomicLong();
            long perTick = Math.max(1, rate / 100);
            long start = System.nanoTime();
            long next = start;
            long i = 0;
            long reported = start;
            while (i < total) {
                for (long k = 0; k < perTick && i < total; k++, i++) {
                    CallLogRecorded call = callLog(account, i);
                    Envelope envelope = Envelope.create(ServiceName.OSV_ADAPTER, EventTypes.CALL_LOG_RECORDED, account,
                            call.dn());
                    producer.send(TestEvents.record(EventTypes.CALL_LOG_RECORDED, envelope, call), (m, e) -> {
                        if (e == null) {
                            acked.incrementAndGet();
                        }
                    });
                }
                next += TimeUnit.MILLISECONDS.toNanos(10);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (System.nanoTime() - reported > TimeUnit.SECONDS.toNanos(5)) {
                    reported = System.nanoTime();
                    console.step(String.format("  %d sent (%.0f/s)", i, i / ((reported - start) / 1e9)));
                }
            }
            producer.flush();
            double took = (System.nanoTime() - start) / 1e9;
            console.step(String.format("  %d sent in %.1f s (%.0f/s), %d acknowledged", i, took, i / took, acked.get()));
            return acked.get();
        }
    }

    private static CallLogRecorded callLog(String account, long i) {
        String dn = "+4989" + (7000000 + i % 5000);
        Instant end = Instant.now();
        return new CallLogRecorded(account, dn, "bench-call-" + i, CallDirection.INBOUND, "+4930123456",
                "Bench Caller", end.minusSeconds(60), end.minusSeconds(55), end, 55, CallDisposition.ANSWERED);
    }

    // ------------------------------------------------------------------ queries

    private boolean queries(Console console, PostgresEndpoint pg, TokenClient tokens) throws Exception {
        console.step(String.format("queries: filling the journal with %d rows (%d accounts)", rows, ACCOUNTS));
        long t = System.nanoTime();
        try (Connection c = pg.connect("openpsi"); Statement s = c.createStatement()) {
            s.execute("set search_path = cloudlink_daemon");
            s.execute("delete from journal_event where account like '" + QUERY_ACCOUNTS + "-%'");
            // ids of a real run: received over the last 30 days, newest last; unique Kafka positions far above real ones
            s.execute("""
                    insert into journal_event (event_id, topic, kafka_partition, kafka_offset, event_key, account, subject,
                                               ce_type, event_name, type_family, ce_source, source_service, ce_time,
                                               received_at, dlq, dlq_reason, payload, headers)
                    select gen_random_uuid(), 'openpsi.bench-journal', (i %% 6)::int, 1000000000000 + i,
                           a || '/' || subj, a, subj, 'dev.openpsi.provisioning.' || ty || '.v1', ty,
                           'provisioning.' || ty, '/openpsi/osv-adapter', 'osv-adapter', at, at, (i / %d) %% 100 = 42,
                           case when (i / %d) %% 100 = 42 then 'SCHEMA_VIOLATION' end,
                           jsonb_build_object('account', a, 'email', subj, 'firstName', 'First', 'lastName', 'Last'), '{}'::jsonb
                      from (select i, '%s-' || (i %% %d) as a,
                                   'user' || ((i / %d) %% %d) || '@bench.example.com' as subj,
                                   (array['%s'])[1 + (i / 7) %% %d] as ty,
                                   now() - interval '30 days' + (i * interval '30 days' / %d) as at
                              from generate_series(1, %d) i) g
                    """.formatted(ACCOUNTS, ACCOUNTS, QUERY_ACCOUNTS, ACCOUNTS, ACCOUNTS, SUBJECTS, String.join("','", TYPES), TYPES.size(),
                    rows, rows));
            s.execute("analyze journal_event");
        }
        console.step(String.format("  filled in %.1f s", (System.nanoTime() - t) / 1e9));

        String token = tokens.clientCredentials("cloudlink-daemon", "dev-cloudlink-daemon-secret");
        String account = QUERY_ACCOUNTS + "-3";
        String subject = "user1234@bench.example.com";
        Instant dayFrom = Instant.now().minus(Duration.ofDays(15));
        Instant dayTo = dayFrom.plus(Duration.ofDays(1));
        Map<String, Filter> filters = new LinkedHashMap<>();
        filters.put("account", new Filter(Map.of("account", account), "account = ?", List.of(account)));
        filters.put("account + type", new Filter(Map.of("account", account, "type", "SipPhoneProvisioned"),
                "account = ? and event_name = ?", List.of(account, "SipPhoneProvisioned")));
        filters.put("account + subject", new Filter(Map.of("account", account, "subject", subject),
                "account = ? and subject = ?", List.of(account, subject)));
        filters.put("account + 1 day", new Filter(Map.of("account", account, "from", dayFrom.toString(), "to", dayTo.toString()),
                "account = ? and received_at >= ? and received_at < ?",
                List.of(account, java.sql.Timestamp.from(dayFrom), java.sql.Timestamp.from(dayTo))));
        filters.put("account + DLQ only", new Filter(Map.of("account", account, "dlq", "true"), "account = ? and dlq",
                List.of(account)));
        filters.put("account + subject + type", new Filter(Map.of("account", account, "subject", subject, "type", "ZoomUserUpdated"),
                "account = ? and subject = ? and event_name = ?", List.of(account, subject, "ZoomUserUpdated")));

        console.info("");
        console.info(String.format("Journal queries over %d rows, first page of 50, %d requests per filter", rows, queries));
        console.info(String.format("  %-26s %10s %10s %12s %12s %10s", "filter", "REST p50", "REST p99", "SQL p50", "SQL p99",
                "p99 ratio"));
        double worst = 0;
        try (Connection c = pg.connect("openpsi")) {
            for (Map.Entry<String, Filter> e : filters.entrySet()) {
                long[] rest = timeRest(token, e.getValue());
                long[] sql = timeSql(c, e.getValue());
                double rest99 = percentile(rest, 0.99) / 1e6;
                double sql99 = percentile(sql, 0.99) / 1e6;
                worst = Math.max(worst, rest99);
                console.info(String.format("  %-26s %7.1f ms %7.1f ms %9.2f ms %9.2f ms %10.1f", e.getKey(),
                        percentile(rest, 0.5) / 1e6, rest99, percentile(sql, 0.5) / 1e6, sql99, rest99 / sql99));
            }
        }
        console.info(String.format("  slowest p99 over the filters: %.1f ms", worst));
        return true;
    }

    /** One filter: the query parameters of the API and the same condition in SQL. */
    private record Filter(Map<String, String> params, String where, List<Object> args) {
    }

    private long[] timeRest(String token, Filter filter) throws Exception {
        StringBuilder query = new StringBuilder("?limit=50");
        filter.params().forEach((k, v) -> query.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(daemon + "/api/v1/journal" + query))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
        long[] times = new long[queries];
        for (int i = -20; i < queries; i++) { // 20 to warm up
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/v1/journal" + query + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            if (i >= 0) {
                times[i] = took;
            }
        }
        return times;
    }

    private long[] timeSql(Connection c, Filter filter) throws SQLException {
        long[] times = new long[queries];
        try (PreparedStatement s = c.prepareStatement("""
                select id, event_id, ce_type, event_name, ce_time, received_at, account, subject, topic, kafka_partition,
                       kafka_offset, source_service, dlq, dlq_reason, replay_id, traceparent, envelope_error
                  from cloudlink_daemon.journal_event where %s order by received_at desc, id desc limit 51""".formatted(
                filter.where()))) {
            for (int k = 0; k < filter.args().size(); k++) {
                s.setObject(k + 1, filter.args().get(k));
            }
            for (int i = -20; i < queries; i++) {
                long t = System.nanoTime();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        r.getLong(1);
                    }
                }
                if (i >= 0) {
                    times[i] = System.nanoTime() - t;
                }
            }
        }
        return times;
    }

    private static long count(PostgresEndpoint pg, String sql) throws SQLException {
        try (Connection c = pg.connect("openpsi"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(sorted, sorted.length);
        Arrays.sort(copy);
        return copy[(int) Math.min(copy.length - 1, Math.ceil(p * copy.length) - 1)];
    }
}
