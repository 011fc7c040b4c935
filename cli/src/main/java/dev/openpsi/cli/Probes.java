package dev.openpsi.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Health probes and resource readings of stack processes. */
final class Probes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Probes() {
    }

    /** HTTP status of a GET, or -1 when nothing answers. */
    static int httpStatus(String url) {
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

    /**
     * Memory of a process and all its descendants, in MiB: the proportional set size (Linux
     * /proc/PID/smaps_rollup), so memory the processes share (PostgreSQL's shared buffers) is
     * counted once rather than once per process.
     */
    static long rssMiB(long pid) {
        return ProcessHandle.of(pid)
                .map(h -> Stream.concat(Stream.of(h), h.descendants()).mapToLong(p -> pssKiB(p.pid())).sum() / 1024)
                .orElse(0L);
    }

    private static long pssKiB(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"));
            for (String line : lines) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended meanwhile
        }
        return 0;
    }
}
