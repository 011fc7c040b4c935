package dev.openpsi.cli;

import java.io.PrintStream;
import java.time.Duration;

/** Progress output of long commands: one line per step with its duration. */
final class Console {

    private final PrintStream out;
    private final long started = System.nanoTime();

    Console(PrintStream out) {
        this.out = out;
    }

    void step(String text) {
        out.printf("%7s  %s%n", elapsed(), text);
        out.flush();
    }

    void info(String text) {
        out.println(text);
    }

    String elapsed() {
        Duration d = Duration.ofNanos(System.nanoTime() - started);
        return String.format("%d.%01ds", d.toSeconds(), d.toMillisPart() / 100);
    }

    static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
