package dev.openpsi.cli;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openpsi}: the operator's command. */
@Command(name = "openpsi", mixinStandardHelpOptions = true, version = "openpsi 0.1.0",
        description = "Run and troubleshoot openpsi.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, TokenCommand.class, JournalCommand.class,
                ReplayCommand.class, BenchCommand.class})
public final class OpenPsi implements Runnable {

    @Option(names = "--home", description = "The openpsi checkout (default: $OPENPSI_HOME or the current directory).")
    Path home;

    StackLayout layout() {
        Path root = home != null ? home
                : Path.of(System.getenv().getOrDefault("OPENPSI_HOME", System.getProperty("user.dir")));
        return new StackLayout(root.toAbsolutePath().normalize(), StackLayout.Ports.defaults());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new OpenPsi());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            System.err.println("openpsi: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
