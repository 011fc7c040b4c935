package dev.openpsi.cli;

import picocli.CommandLine.Command;

/** {@code openpsi bench ...}: the project's benchmarks, run against the local stack. */
@Command(name = "bench", description = "Benchmarks against the local stack (./openpsi up first).",
        subcommands = {ReportBenchmark.class, ProvisioningBenchmark.class, JournalBenchmark.class, ReplayBenchmark.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }
}
