package dev.openpsi.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.openpsi.testkit.infra.LoopbackPorts;
import dev.openpsi.testkit.infra.PostgresEndpoint;
import dev.openpsi.testkit.infra.PostgresServer;
import dev.openpsi.testkit.keycloak.TokenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The User Comparison Report over N users: seeds the four sources of a benchmark account in
 * zoom-sync's schema, has zoom-sync generate the report, downloads it, and compares with the
 * baseline of the same machine and run: PostgreSQL itself writing the same join as CSV
 * ({@code COPY ... TO STDOUT}). Heap is sampled from zoom-sync's metrics while it works.
 */
@Command(name = "report", description = "User Comparison Report over N users: time, ratio to a COPY baseline, peak heap.")
final class ReportBenchmark implements Callable<Integer> {

    private static final String ACCOUNT = "bench-report";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)", Pattern.MULTILINE);

    @ParentCommand
    BenchCommand bench;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--users", defaultValue = "100000", description = "Users in the report (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--zoom-sync", defaultValue = "http://127.0.0.1:8083", description = "zoom-sync's URL.")
    String zoomSync;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        OpenPsi root = (OpenPsi) spec.root().userObject();
        StackLayout stack = root.layout();
        Console console = new Console(System.out);
        PostgresEndpoint pg = new PostgresEndpoint(LoopbackPorts.HOST, stack.ports().postgres(), PostgresServer.USER,
                PostgresServer.PASSWORD);
        String token = new TokenClient(stack.keycloakUrl() + "/realms/openpsi").clientCredentials("zoom-sync",
                "dev-zoom-sync-secret");

        console.step("seeding " + users + " users (CloudLink user + licence, Zoom user, desktop + mobile SIP phone)");
        try (Connection c = pg.connect("openpsi")) {
            seed(c, users);
        }

        long baselineNanos;
        long baselineBytes;
        try (Connection c = pg.connect("openpsi")) {
            long t = System.nanoTime();
            baselineBytes = copyBaseline(c);
            baselineNanos = System.nanoTime() - t;
        }
        console.step(String.format("baseline: PostgreSQL COPY of the same join as CSV: %.2f s (%d bytes)",
                baselineNanos / 1e9, baselineBytes));

        long heapBefore = heapUsed();
        AtomicLong heapPeak = new AtomicLong(heapBefore);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                heapPeak.accumulateAndGet(heapUsed(), Math::max);
                sleep(100);
            }
        });
        sampler.start();
        long t = System.nanoTime();
        JsonNode report = post(token, "/api/v1/reports/user-comparison?account=" + ACCOUNT);
        String id = report.get("id").asText();
        String status;
        do {
            sleep(50);
            status = get(token, "/api/v1/reports/user-comparison/" + id + "?account=" + ACCOUNT).get("status").asText();
        } while (status.equals("pending") || status.equals("running"));
        long generateNanos = System.nanoTime() - t;
        long t2 = System.nanoTime();
        long[] downloaded = download(token, "/api/v1/reports/user-comparison/" + id + "/download?account=" + ACCOUNT);
        long downloadNanos = System.nanoTime() - t2;
        sampling.set(false);
        sampler.join();
        if (!status.equals("ready")) {
            console.step("report " + id + " ended " + status);
            return 1;
        }
        double total = (generateNanos + downloadNanos) / 1e9;
        console.info("");
        console.info(String.format("User Comparison Report, %d users (%d CSV lines, %d bytes)", users, downloaded[1] - 1, downloaded[0]));
        console.info(String.format("  generate          %8.2f s", generateNanos / 1e9));
        console.info(String.format("  download          %8.2f s", downloadNanos / 1e9));
        console.info(String.format("  total             %8.2f s   (goal <= 10 s)", total));
        console.info(String.format("  baseline COPY     %8.2f s   ratio report/baseline = %.2f", baselineNanos / 1e9,
                total / (baselineNanos / 1e9)));
        console.info(String.format("  zoom-sync heap    %8.1f MiB before, %.1f MiB peak while generating and downloading",
                heapBefore / 1048576.0, heapPeak.get() / 1048576.0));
        return downloaded[1] - 1 == users && total <= 10 ? 0 : 1;
    }

    /** Replaces the benchmark account's data with {@code n} users; every tenth has an issue. */
    private static void seed(Connection c, int n) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set search_path = zoom_sync");
            for (String table : List.of("cl_user", "cl_license", "zoom_user", "zoom_sip_phone")) {
                s.execute("delete from " + table + " where account = '" + ACCOUNT + "'");
            }
            s.execute("insert into cl_user (account, email, cl_user_id, first_name, last_name) select '" + ACCOUNT
                    + "', 'user' || i || '@bench.example.com', 'cl-' || i, 'First' || i, 'Last' || i from generate_series(1, " + n + ") i");
            s.execute("insert into cl_license (account, email, license) select '" + ACCOUNT
                    + "', 'user' || i || '@bench.example.com', 'ZoomPSI' from generate_series(1, " + n + ") i where i % 50 <> 7");
            s.execute("insert into zoom_user (account, zoom_user_id, email, first_name, last_name, status) select '" + ACCOUNT
                    + "', 'zm' || i, 'user' || i || '@bench.example.com', 'First' || i, 'Last' || i,"
                    + " case when i % 10 = 3 then 'inactive' when i % 10 = 5 then 'pending' else 'active' end"
                    + " from generate_series(1, " + n + ") i where i % 100 <> 9");
            s.execute("insert into zoom_sip_phone (account, phone_id, user_email, phone_number, kind) select '" + ACCOUNT
                    + "', 'pd' || i, 'user' || i || '@bench.example.com', (4989700000000 + i)::text, 'desktop' from generate_series(1, " + n + ") i");
            s.execute("insert into zoom_sip_phone (account, phone_id, user_email, phone_number, kind) select '" + ACCOUNT
                    + "', 'pm' || i, 'user' || i || '@bench.example.com', (4989700000000 + i)::text, 'mobile' from generate_series(1, " + n + ") i where i % 20 <> 11");
            s.execute("analyze cl_user; analyze cl_license; analyze zoom_user; analyze zoom_sip_phone");
        }
    }

    /** The same join, written as CSV by PostgreSQL itself: what the report cannot beat. */
    private static long copyBaseline(Connection c) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("set search_path = zoom_sync");
        }
        String join = "select e.email, cu.cl_user_id, cu.first_name, cu.last_name,"
                + " (select array_agg(l.license order by l.license) from cl_license l where l.account = '" + ACCOUNT + "' and l.email = e.email),"
                + " zu.zoom_user_id, zu.status,"
                + " (select phone_id from zoom_sip_phone p where p.account = '" + ACCOUNT + "' and p.user_email = e.email and p.kind = 'desktop' order by phone_id limit 1),"
                + " (select phone_id from zoom_sip_phone p where p.account = '" + ACCOUNT + "' and p.user_email = e.email and p.kind = 'mobile' order by phone_id limit 1)"
                + " from (select email from cl_user where account = '" + ACCOUNT + "' union select email from cl_license where account = '" + ACCOUNT
                + "' union select email from zoom_user where account = '" + ACCOUNT + "' union select user_email from zoom_sip_phone where account = '" + ACCOUNT + "') e"
                + " left join cl_user cu on cu.account = '" + ACCOUNT + "' and cu.email = e.email"
                + " left join zoom_user zu on zu.account = '" + ACCOUNT + "' and zu.email = e.email order by e.email";
        CountingStream out = new CountingStream();
        c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + join + ") to stdout with (format csv)", out);
        return out.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private long heapUsed() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(zoomSync + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = HEAP.matcher(metrics);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return (long) sum;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private JsonNode post(String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(zoomSync + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private JsonNode get(String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(zoomSync + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Bytes and lines of the streamed CSV. */
    private long[] download(String token, String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(zoomSync + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("download answered " + r.statusCode());
        }
        return new long[] {bytes, lines};
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
