package dev.openpsi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Argument parsing and validation of {@code openpsi replay} and {@code openpsi journal}, without servers. */
class ReplayCommandsTest {

    private static final String FROM = "2026-11-22T04:00:00Z";
    private static final String TO = "2026-11-22T05:00:00Z";

    private static ReplayCommand replay(String... args) {
        CommandLine cli = new CommandLine(new OpenPsi());
        String[] all = new String[args.length + 1];
        all[0] = "replay";
        System.arraycopy(args, 0, all, 1, args.length);
        return (ReplayCommand) cli.parseArgs(all).subcommand().commandSpec().userObject();
    }

    private static JournalCommand journal(String... args) {
        CommandLine cli = new CommandLine(new OpenPsi());
        String[] all = new String[args.length + 1];
        all[0] = "journal";
        System.arraycopy(args, 0, all, 1, args.length);
        return (JournalCommand) cli.parseArgs(all).subcommand().commandSpec().userObject();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReplayBecomesTheRequestBodyOfTheApi() {
        Map<String, Object> body = replay("--topic", "openpsi.provisioning.v1", "--from", FROM, "--to", TO,
                "--key", "acme/jana@acme.example.com", "--type", "ZoomUserLinked", "--account", "acme",
                "--target", "zoom-sync", "--rate", "250").request();
        Map<String, Object> selection = (Map<String, Object>) body.get("selection");
        assertEquals(Map.of("topic", "openpsi.provisioning.v1", "from", FROM, "to", TO, "key", "acme/jana@acme.example.com",
                "eventType", "ZoomUserLinked", "account", "acme"), selection);
        assertEquals("zoom-sync", body.get("target"));
        assertEquals(250.0, body.get("ratePerSecond"));
        assertEquals(false, body.get("dryRun"));
        assertEquals(false, body.get("redrive"));

        Map<String, Object> redrive = replay("--dlq", "openpsi.provisioning.v1.dlq", "--from", FROM, "--to", TO,
                "--redrive", "--dry-run", "--sample", "3").request();
        assertEquals("openpsi.provisioning.v1.dlq", ((Map<String, Object>) redrive.get("selection")).get("dlq"));
        assertFalse(redrive.containsKey("target"));
        assertEquals(true, redrive.get("redrive"));
        assertEquals(true, redrive.get("dryRun"));
        assertEquals(3, redrive.get("sample"));
    }

    @Test
    void inconsistentReplayOptionsAreRefusedBeforeAnyRequest() {
        assertRefused("--topic or --dlq", "--from", FROM, "--to", TO, "--target", "zoom-sync");
        assertRefused("--target is required", "--topic", "openpsi.mwi.v1", "--from", FROM, "--to", TO);
        assertRefused("--redrive needs --dlq", "--topic", "openpsi.mwi.v1", "--from", FROM, "--to", TO, "--redrive");
        assertRefused("leave out --target", "--dlq", "openpsi.mwi.v1.dlq", "--from", FROM, "--to", TO, "--redrive",
                "--target", "zoom-sync");
        assertRefused("--to must be after --from", "--topic", "openpsi.mwi.v1", "--from", TO, "--to", FROM,
                "--target", "zoom-sync");
        assertRefused("--from is not an RFC 3339", "--topic", "openpsi.mwi.v1", "--from", "yesterday", "--to", TO,
                "--target", "zoom-sync");
        assertRefused("--rate must be above 0", "--topic", "openpsi.mwi.v1", "--from", FROM, "--to", TO,
                "--target", "zoom-sync", "--rate", "0");
        // picocli itself: the time range is required
        assertThrows(ParameterException.class, () -> replay("--topic", "openpsi.mwi.v1", "--target", "zoom-sync"));
    }

    @Test
    void theJournalQueryCarriesTheFiltersAndPagesUpToTheLimit() {
        JournalCommand command = journal("--account", "acme", "--type", "ZoomUserLinked", "--dlq", "--limit", "1200",
                "--from", FROM, "--csv");
        Map<String, String> query = command.query();
        assertEquals("acme", query.get("account"));
        assertEquals("ZoomUserLinked", query.get("type"));
        assertEquals("true", query.get("dlq"));
        assertEquals(FROM, query.get("from"));
        assertEquals("500", query.get("limit"), "pages are at most 500");
        assertTrue(command.csv);
        assertEquals("?account=acme&from=2026-11-22T04%3A00%3A00Z", DaemonApi.queryString(
                new java.util.LinkedHashMap<>(Map.of("account", "acme", "from", FROM)).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                                java.util.LinkedHashMap::new))));
        assertThrows(ParameterException.class, () -> journal("--limit", "0").query());
    }

    @Test
    void csvOutputQuotesWhatNeedsQuoting() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JournalCommand.print(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                List.of(List.of("2026-11-22T04:00:00Z", "ZoomUserLinked", "acme", "a,b", "openpsi.provisioning.v1", "1", "7",
                        "osv-adapter", "false", "", "say \"hi\"")), true);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(String.join(",", JournalCommand.COLUMNS), lines[0]);
        assertEquals("2026-11-22T04:00:00Z,ZoomUserLinked,acme,\"a,b\",openpsi.provisioning.v1,1,7,osv-adapter,false,,\"say \"\"hi\"\"\"",
                lines[1]);
    }

    private static void assertRefused(String message, String... args) {
        ParameterException refused = assertThrows(ParameterException.class, () -> replay(args).request());
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }
}
