package dev.openpsi.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import dev.openpsi.testkit.infra.ManagedProcess.StopSignal;

/** One file per process {@code up} started: what {@code down} stops and {@code status} shows. */
final class PidFiles {

    /** A process of the stack: its group leader pid, how to stop it and where it answers. */
    record Entry(String name, long pid, StopSignal signal, int order, String healthUrl) {

        boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private final Path dir;

    PidFiles(Path dir) {
        this.dir = dir;
    }

    void write(Entry e) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(e.pid()));
        p.setProperty("signal", e.signal().name());
        p.setProperty("order", Integer.toString(e.order()));
        p.setProperty("health", e.healthUrl() == null ? "" : e.healthUrl());
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve(e.name() + ".pid"))) {
                p.store(w, "openpsi local stack: " + e.name());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    Optional<Entry> read(String name) {
        Path file = dir.resolve(name + ".pid");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            String health = p.getProperty("health", "");
            return Optional.of(new Entry(name, Long.parseLong(p.getProperty("pid")),
                    StopSignal.valueOf(p.getProperty("signal", "TERM")), Integer.parseInt(p.getProperty("order", "0")),
                    health.isEmpty() ? null : health));
        } catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    /** Every recorded process, in start order. */
    List<Entry> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid")).forEach(f -> {
                String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
                read(name).ifPresent(out::add);
            });
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        out.sort(java.util.Comparator.comparingInt(Entry::order).thenComparing(Entry::name));
        return out;
    }

    void remove(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".pid"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
