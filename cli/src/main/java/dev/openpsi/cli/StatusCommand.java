package dev.openpsi.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.openpsi.testkit.infra.LoopbackPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Lists each process of the local stack with its health and memory. */
@Command(name = "status", description = "Show each process of the local stack, its health and resident memory.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    OpenPsi parent;

    @Override
    public Integer call() {
        StackLayout stack = parent.layout();
        List<PidFiles.Entry> entries = new PidFiles(stack.pids()).all();
        if (entries.isEmpty()) {
            System.out.println("openpsi is not running (./openpsi up starts it)");
            return 3;
        }
        System.out.printf("%-17s %8s  %-8s %-6s %8s%n", "COMPONENT", "PID", "PROCESS", "HEALTH", "MEMORY");
        long total = 0;
        int unhealthy = 0;
        for (PidFiles.Entry e : entries) {
            boolean alive = e.alive();
            String health = !alive ? "-" : health(stack, e);
            long rss = alive ? Probes.rssMiB(e.pid()) : 0;
            total += rss;
            if (!alive || !health.equals("UP")) {
                unhealthy++;
            }
            System.out.printf("%-17s %8d  %-8s %-6s %5d MiB%n", e.name(), e.pid(), alive ? "running" : "gone", health, rss);
        }
        System.out.printf("%-17s %8s  %-8s %-6s %5d MiB%n", "total", "", "", "", total);
        return unhealthy == 0 ? 0 : 1;
    }

    private static String health(StackLayout stack, PidFiles.Entry e) {
        StackLayout.Ports p = stack.ports();
        return switch (e.name()) {
            case "postgres" -> LoopbackPorts.isOpen(p.postgres()) ? "UP" : "DOWN";
            case "kafka" -> LoopbackPorts.isOpen(p.kafka()) ? "UP" : "DOWN";
            case "zoom-simulator" -> LoopbackPorts.isOpen(UpCommand.ZOOM_SIMULATOR_PORT) ? "UP" : "DOWN";
            default -> e.healthUrl() != null && Probes.httpStatus(e.healthUrl()) == 200 ? "UP" : "DOWN";
        };
    }
}
