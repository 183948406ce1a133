package io.sluice.cli.get;

import io.sluice.cli.SluiceCommand;
import io.sluice.cli.deadletter.DeadLetterRow;
import io.sluice.cli.deadletter.DeadLetterRows;
import io.sluice.cli.stack.Service;
import io.sluice.cli.stack.ServiceApi;
import io.sluice.cli.stack.StackDescription;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice get apps|sources|receivers|images|deadletters}: what the running stack knows, as a table,
 * JSON or YAML.
 */
@Command(name = "get", description = "Show what the running Sluice knows.",
        subcommands = {GetCommand.Apps.class, GetCommand.Sources.class, GetCommand.Receivers.class,
            GetCommand.Images.class, GetCommand.DeadLetters.class})
public final class GetCommand {
    @ParentCommand
    SluiceCommand root;

    /** A listing of one kind of row, printed in the format {@code -o} asks for. */
    abstract static class Listing<T extends Record> implements Callable<Integer> {
        @ParentCommand
        GetCommand get;

        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml")
        String output;

        abstract Class<T> type();

        abstract List<T> rows(StackDescription stack) throws Exception;

        @Override
        public Integer call() throws Exception {
            Output format = Output.parse(output);
            format.print(rows(StackDescription.read(get.root.stateDir())), type(), System.out);
            return 0;
        }
    }

    @Command(name = "apps", description = "Every application: name, namespace, kind, sync, health, revision, message.")
    static final class Apps extends Listing<AppRow> {
        @Override
        Class<AppRow> type() {
            return AppRow.class;
        }

        @Override
        List<AppRow> rows(StackDescription stack) throws Exception {
            return Applications.read(stack.kafkaBootstrapServers()).rows();
        }
    }

    /** A listing that source-service's JSON API answers. */
    abstract static class SourceServiceListing<T extends Record> extends Listing<T> {
        private final Class<T> type;
        private final String path;

        SourceServiceListing(Class<T> type, String path) {
            this.type = type;
            this.path = path;
        }

        @Override
        Class<T> type() {
            return type;
        }

        @Override
        List<T> rows(StackDescription stack) throws Exception {
            return new ServiceApi(stack).list(Service.SOURCE, path, type);
        }
    }

    @Command(name = "sources", description = "Every source: kind, name, URL, revision, last poll, ready, message.")
    static final class Sources extends SourceServiceListing<SourceRow> {
        Sources() {
            super(SourceRow.class, "/api/sources");
        }

        @Override
        List<SourceRow> rows(StackDescription stack) throws Exception {
            return SourceRows.join(super.rows(stack), SourceRows.problems(stack.kafkaBootstrapServers()));
        }
    }

    @Command(name = "receivers", description = "Every webhook receiver with the full URL to give the Git host.")
    static final class Receivers extends SourceServiceListing<ReceiverRow> {
        Receivers() {
            super(ReceiverRow.class, "/api/receivers");
        }
    }

    @Command(name = "images", description = "Every ImageRepository (tags found, last scan), ImagePolicy (the image"
            + " it chose) and ImageUpdateAutomation (its last pushed commit), with why one is not ready.")
    static final class Images extends Listing<ImageRow> {
        @Override
        Class<ImageRow> type() {
            return ImageRow.class;
        }

        @Override
        List<ImageRow> rows(StackDescription stack) throws Exception {
            return ImageRows.read(stack.kafkaBootstrapServers());
        }
    }

    @Command(name = "deadletters", description = "The records a stage could not process and set aside on <topic>.dlq:"
            + " the topic each came from, its key, why it failed and when. Lists those not replayed yet (`sluice"
            + " deadletters replay TOPIC` sends them back); --all also lists those a replay dealt with before.")
    static final class DeadLetters extends Listing<DeadLetterRow> {
        @Option(names = "--all", description = "Also list the dead letters a replay dealt with (REPLAYED true).")
        boolean all;

        @Override
        Class<DeadLetterRow> type() {
            return DeadLetterRow.class;
        }

        @Override
        List<DeadLetterRow> rows(StackDescription stack) {
            return DeadLetterRows.read(stack.kafkaBootstrapServers(), all);
        }
    }
}
