package dev.openpsi.testkit.infra;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by the kit.
 *
 * <p>{@link Lifetime#TIED_TO_THIS_JVM}: the child keeps a pipe from this JVM on its standard
 * input; when the pipe closes (this JVM stops or dies) the child is signalled, so a test run
 * never leaves an orphan. {@link Lifetime#DETACHED}: the child gets its own session and
 * survives this JVM (the local stack); it is stopped later by process group id.
 */
public final class ManagedProcess {

    public enum Lifetime { TIED_TO_THIS_JVM, DETACHED }

    /** The signal that asks the server for a clean, prompt shutdown. */
    public enum StopSignal {
        TERM, INT
    }

    /*
     * The watcher script: the real command runs in the background with /dev/null as input while
     * a subshell waits for end-of-file on the inherited stdin (fd 3) and then signals it.
     */
    private static final String WATCH_SCRIPT = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null &",
            "child=$!",
            "( cat <&3 >/dev/null 2>&1; kill -$OPENPSI_STOP_SIGNAL \"$child\" 2>/dev/null ) &",
            "trap 'kill -$OPENPSI_STOP_SIGNAL \"$child\" 2>/dev/null' TERM INT",
            "wait \"$child\"; rc=$?",
            "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; rc=$?; done",
            "exit $rc");

    private final String name;
    private final Process process;
    private final Path log;
    private final Lifetime lifetime;
    private final StopSignal stopSignal;

    private ManagedProcess(String name, Process process, Path log, Lifetime lifetime, StopSignal stopSignal) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.lifetime = lifetime;
        this.stopSignal = stopSignal;
    }

    /**
     * Starts {@code command}. {@code watchesStdinItself} says the command already exits on
     * end-of-file of its standard input (the broker under ParentWatch), so no watcher shell is
     * needed.
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
            Path log, Lifetime lifetime, StopSignal stopSignal, boolean watchesStdinItself) {
        List<String> full = new ArrayList<>();
        if (lifetime == Lifetime.DETACHED) {
            full.add("setsid");
            full.addAll(command);
        } else if (watchesStdinItself) {
            full.addAll(command);
        } else {
            full.addAll(List.of("/bin/sh", "-c", WATCH_SCRIPT, "openpsi-watch"));
            full.addAll(command);
        }
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (lifetime == Lifetime.DETACHED) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        pb.environment().putAll(env);
        pb.environment().put("OPENPSI_STOP_SIGNAL", stopSignal.name());
        try {
            Files.createDirectories(log.getParent());
            return new ManagedProcess(name, pb.start(), log, lifetime, stopSignal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + full, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the server to stop, waits up to {@code grace}, then kills what is left. */
    public void stop(Duration grace) {
        if (lifetime == Lifetime.DETACHED) {
            stopGroup(process.pid(), stopSignal, grace);
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        OutputStream lifeline = process.getOutputStream();
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // already closed: the child is going down anyway
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                tree.addAll(process.descendants().toList());
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Stops a detached process group (the leader's pid is the group id) as recorded in a pid
     * file: signal, wait, then SIGKILL. Returns false when nothing with that pid was running.
     */
    public static boolean stopGroup(long pid, StopSignal signal, Duration grace) {
        Optional<ProcessHandle> leader = ProcessHandle.of(pid);
        if (leader.isEmpty() || !leader.get().isAlive()) {
            killGroup(pid, "KILL"); // stray members of a group whose leader is gone
            return false;
        }
        killGroup(pid, signal.name());
        try {
            leader.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            if (timeoutOrInterrupt instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        killGroup(pid, "KILL");
        return true;
    }

    private static void killGroup(long pgid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the process log, for error messages. */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
