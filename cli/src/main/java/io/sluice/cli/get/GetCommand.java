package io.sluice.cli.get;

import io.sluice.cli.SluiceCommand;
import io.sluice.cli.stack.StackDescription;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sluice get apps}: the applications of the running stack and their state. */
@Command(name = "get", description = "Show what the running Sluice knows.", subcommands = GetCommand.Apps.class)
public final class GetCommand {
    @ParentCommand
    SluiceCommand root;

    @Command(name = "apps", description = "Every application: name, namespace, kind, sync, health, revision, message.")
    static final class Apps implements Callable<Integer> {
        @ParentCommand
        GetCommand get;

        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml")
        String output;

        @Override
        public Integer call() throws Exception {
            Output format = Output.parse(output);
            StackDescription stack = StackDescription.read(get.root.stateDir());
            format.print(Applications.list(stack.kafkaBootstrapServers()), AppRow.class, System.out);
            return 0;
        }
    }
}
