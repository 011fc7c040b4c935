package dev.openpsi.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import dev.openpsi.testkit.infra.ManagedProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Stops exactly what {@code up} started, services first, the database last. */
@Command(name = "down", description = "Stop the local stack (its data stays; up --fresh deletes it).")
final class DownCommand implements Callable<Integer> {

    @ParentCommand
    OpenPsi parent;

    @Override
    public Integer call() {
        Console console = new Console(System.out);
        int left = stopAll(new PidFiles(parent.layout().pids()), console);
        if (left > 0) {
            console.step(left + " process(es) could not be stopped");
            return 1;
        }
        console.step("openpsi is down");
        return 0;
    }

    /** Stops every recorded process in reverse start order; returns how many are still alive. */
    static int stopAll(PidFiles pids, Console console) {
        List<PidFiles.Entry> entries = new ArrayList<>(pids.all());
        entries.sort(Comparator.comparingInt(PidFiles.Entry::order).reversed());
        List<PidFiles.Entry> services = entries.stream().filter(e -> e.order() >= UpCommand.ORDER_SERVICES).toList();
        // services stop in parallel: they depend on the infrastructure, not on each other
        CompletableFuture.allOf(services.stream()
                .map(e -> CompletableFuture.runAsync(() -> stop(e, pids, console)))
                .toArray(CompletableFuture[]::new)).join();
        entries.stream().filter(e -> e.order() < UpCommand.ORDER_SERVICES).forEach(e -> stop(e, pids, console));
        return (int) entries.stream().filter(PidFiles.Entry::alive).count();
    }

    private static void stop(PidFiles.Entry e, PidFiles pids, Console console) {
        long t = System.nanoTime();
        boolean wasRunning = ManagedProcess.stopGroup(e.pid(), e.signal(), Duration.ofSeconds(30));
        if (!e.alive()) {
            pids.remove(e.name());
        }
        console.step((wasRunning ? "stopped " : "was not running: ") + e.name() + (wasRunning ? " (" + Console.seconds(t) + ")" : ""));
    }
}
