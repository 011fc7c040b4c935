package dev.openpsi.cli;

import java.io.PrintStream;
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

/** {@code openpsi journal}: the event journal, newest first, as a table or CSV. */
@Command(name = "journal", description = "List journaled events (newest first) as a table or CSV; follows pages up to --limit.")
final class JournalCommand implements Callable<Integer> {

    static final String PATH = "/api/v1/journal";
    static final int MAX_PAGE = 500;
    static final List<String> COLUMNS = List.of("receivedAt", "event", "account", "subject", "topic", "partition",
            "offset", "service", "dlq", "replayId", "eventId");

    @Spec
    CommandSpec spec;

    @Mixin
    DaemonApi api;

    @Option(names = "--account", description = "Account id.")
    String account;
    @Option(names = "--type", description = "ce_type or event name, e.g. ZoomUserLinked.")
    String type;
    @Option(names = "--subject", description = "Email, DN, mailbox or component.")
    String subject;
    @Option(names = "--topic", description = "A topic of the catalogue.")
    String topic;
    @Option(names = "--service", description = "Producing service, e.g. osv-adapter.")
    String service;
    @Option(names = "--from", description = "RFC 3339, inclusive.")
    String from;
    @Option(names = "--to", description = "RFC 3339, exclusive.")
    String to;
    @Option(names = "--dlq", description = "Dead letters only.")
    boolean dlq;
    @Option(names = "--limit", defaultValue = "100", description = "Events to print at most (default ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--csv", description = "CSV (RFC 4180) with a header row instead of a table.")
    boolean csv;

    /** The query of the first page. */
    Map<String, String> query() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("account", account);
        query.put("type", type);
        query.put("subject", subject);
        query.put("topic", topic);
        query.put("service", service);
        query.put("from", from);
        query.put("to", to);
        query.put("dlq", dlq ? "true" : null);
        query.put("limit", Integer.toString(Math.min(limit, MAX_PAGE)));
        return query;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> query = query();
        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> page = new LinkedHashMap<>(query);
            page.put("cursor", cursor);
            page.put("limit", Integer.toString(Math.min(limit - rows.size(), MAX_PAGE)));
            JsonNode result = api.get(PATH, page);
            for (JsonNode item : result.path("items")) {
                rows.add(row(item));
            }
            cursor = result.path("next").isTextual() ? result.get("next").asText() : null;
        } while (cursor != null && rows.size() < limit);
        print(System.out, rows, csv);
        return 0;
    }

    static List<String> row(JsonNode item) {
        List<String> row = new ArrayList<>(COLUMNS.size());
        for (String column : COLUMNS) {
            JsonNode value = item.get(column);
            row.add(value == null || value.isNull() ? "" : value.asText());
        }
        return row;
    }

    static void print(PrintStream out, List<List<String>> rows, boolean csv) {
        if (csv) {
            out.println(String.join(",", COLUMNS));
            rows.forEach(row -> out.println(String.join(",", row.stream().map(JournalCommand::csvField).toList())));
            return;
        }
        Table.print(out, COLUMNS, rows);
    }

    /** RFC 4180: quote a field holding a comma, quote or line break; double the quotes. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
