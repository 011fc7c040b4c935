package dev.openpsi.cli;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code openpsi replay}: select events of a topic (or a DLQ) by time range, key, type and account,
 * then dry-run (count and first events) or send them to a service's replay topic - or redrive
 * dead letters to their original topic - printing a progress line until the replay finished.
 */
@Command(name = "replay", description = "Replay events of a topic or DLQ to a service (or redrive dead letters); --dry-run lists them.")
final class ReplayCommand implements Callable<Integer> {

    static final String PATH = "/api/v1/replays";

    @Spec
    CommandSpec spec;

    @Mixin
    DaemonApi api;

    @Option(names = "--topic", description = "Stream to read; with --dlq: only dead letters that came from it.")
    String topic;
    @Option(names = "--from", required = true, description = "RFC 3339, inclusive.")
    String from;
    @Option(names = "--to", required = true, description = "RFC 3339, exclusive.")
    String to;
    @Option(names = "--key", description = "Exact record key, e.g. acme/jana@acme.example.com.")
    String key;
    @Option(names = "--type", description = "ce_type or event name, e.g. ZoomUserLinked.")
    String type;
    @Option(names = "--account", description = "Account id (without it: platform operators only).")
    String account;
    @Option(names = "--dlq", description = "Dead-letter topic to read, e.g. openpsi.provisioning.v1.dlq.")
    String dlq;
    @Option(names = "--redrive", description = "With --dlq: send the dead letters back to their original topic.")
    boolean redrive;
    @Option(names = "--target", description = "Service whose replay topic receives the events, e.g. zoom-sync.")
    String target;
    @Option(names = "--dry-run", description = "Only count the selection and list its first events.")
    boolean dryRun;
    @Option(names = "--sample", defaultValue = "10", description = "Events a dry run lists (default ${DEFAULT-VALUE}).")
    int sample;
    @Option(names = "--rate", description = "Events per second (default: the service's default rate).")
    Double rate;
    @Option(names = "--poll", defaultValue = "500", description = "Milliseconds between progress lines (default ${DEFAULT-VALUE}).")
    long pollMillis;

    /** Checks the options together (what picocli cannot) and returns the request body. */
    Map<String, Object> request() {
        if (topic == null && dlq == null) {
            throw invalid("--topic or --dlq is required");
        }
        time("--from", from);
        time("--to", to);
        if (!OffsetDateTime.parse(from).isBefore(OffsetDateTime.parse(to))) {
            throw invalid("--to must be after --from");
        }
        if (redrive && dlq == null) {
            throw invalid("--redrive needs --dlq");
        }
        if (redrive && target != null) {
            throw invalid("--redrive sends dead letters back to their original topic: leave out --target");
        }
        if (!redrive && target == null) {
            throw invalid("--target is required (the service that receives the events), unless --redrive");
        }
        if (rate != null && !(rate > 0)) {
            throw invalid("--rate must be above 0");
        }
        if (sample < 0 || sample > 1000) {
            throw invalid("--sample must be from 0 to 1000");
        }
        Map<String, Object> selection = new LinkedHashMap<>();
        put(selection, "topic", topic);
        put(selection, "dlq", dlq);
        put(selection, "from", from);
        put(selection, "to", to);
        put(selection, "key", key);
        put(selection, "eventType", type);
        put(selection, "account", account);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("selection", selection);
        put(body, "target", target);
        body.put("dryRun", dryRun);
        body.put("redrive", redrive);
        body.put("sample", sample);
        put(body, "ratePerSecond", rate);
        return body;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> body = request();
        PrintStream out = System.out;
        JsonNode answer = api.post(PATH, body, 200, 202);
        if (dryRun) {
            out.println(answer.path("count").asLong() + " events selected");
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode event : answer.path("sample")) {
                rows.add(List.of(event.path("timestamp").asText(), event.path("topic").asText(),
                        event.path("partition").asText() + "@" + event.path("offset").asText(), event.path("key").asText(""),
                        event.path("type").asText(""), event.path("account").asText(""), event.path("eventId").asText("")));
            }
            if (!rows.isEmpty()) {
                Table.print(out, List.of("timestamp", "topic", "position", "key", "type", "account", "eventId"), rows);
            }
            return 0;
        }
        String id = answer.path("id").asText();
        Console console = new Console(out);
        console.step("replay " + id + " started");
        JsonNode status = answer;
        while ("running".equals(status.path("status").asText())) {
            Thread.sleep(pollMillis);
            status = api.get(PATH + "/" + id, Map.of());
            console.step(progressLine(status));
        }
        if (!"completed".equals(status.path("status").asText())) {
            System.err.println("replay " + id + " " + status.path("status").asText() + ": " + status.path("error").asText(""));
            return 1;
        }
        return 0;
    }

    static String progressLine(JsonNode status) {
        String selected = status.path("selected").isNumber() ? status.get("selected").asText() : "?";
        String percent = status.path("progress").isNumber()
                ? String.format(" (%.0f %%)", status.get("progress").asDouble() * 100) : "";
        String read = status.path("toScan").isNumber()
                ? ", " + status.path("scanned").asLong() + "/" + status.get("toScan").asLong() + " records read" : "";
        return status.path("status").asText() + "  " + status.path("sent").asLong() + "/" + selected + " sent" + read
                + percent;
    }

    private static void put(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    private void time(String option, String value) {
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(option + " is not an RFC 3339 date-time: " + value);
        }
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
