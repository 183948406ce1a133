package io.sluice.cli;

import io.sluice.cli.app.AppCommand;
import io.sluice.cli.deadletter.DeadLettersCommand;
import io.sluice.cli.demo.DemoCommand;
import io.sluice.cli.get.GetCommand;
import io.sluice.cli.image.ImageCommands;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code sluice} command. */
@Command(name = "sluice", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "sluice 0.1.0",
        description = "GitOps engine: keeps Kubernetes clusters equal to what Git declares.",
        subcommands = {UpCommand.class, DownCommand.class, GetCommand.class, ReconcileCommand.class,
            AppCommand.class, ImageCommands.class, DeadLettersCommand.class, DemoCommand.class})
public final class SluiceCommand {
    @Option(names = "--state-dir", defaultValue = ".sluice", scope = CommandLine.ScopeType.INHERIT,
            description = "Where the local stack keeps its state (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    public Path stateDir() {
        return stateDir;
    }

    /** The Sluice checkout: where the services' jars and examples/ are. bin/sluice sets it. */
    static Path home() {
        return Path.of(System.getProperty("sluice.home", ".")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SluiceCommand()).execute(args));
    }
}
