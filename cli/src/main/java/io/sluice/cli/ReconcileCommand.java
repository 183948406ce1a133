package io.sluice.cli;

import io.sluice.api.ObjectRef;
import io.sluice.cli.get.SourceRow;
import io.sluice.cli.stack.Service;
import io.sluice.cli.stack.ServiceApi;
import io.sluice.cli.stack.StackDescription;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice reconcile source NAME}: poll a source now, as {@code flux reconcile source git} does;
 * {@code sluice reconcile image NAME}: scan an ImageRepository or run an ImageUpdateAutomation now, as
 * {@code flux reconcile image repository|update} do.
 */
@Command(name = "reconcile", description = "Ask Sluice to act now instead of at the next interval.",
        subcommands = {ReconcileCommand.Source.class, ImageReconcile.class})
final class ReconcileCommand {
    @ParentCommand
    SluiceCommand root;

    @Command(name = "source", description = "Poll a source now and wait for the result.")
    static final class Source implements Callable<Integer> {
        @ParentCommand
        ReconcileCommand reconcile;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = {"-n", "--namespace"}, defaultValue = "flux-system", description = "default: ${DEFAULT-VALUE}")
        String namespace;

        @Option(names = "--kind", defaultValue = "GitRepository", description = "default: ${DEFAULT-VALUE}")
        String kind;

        @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait (default: ${DEFAULT-VALUE})")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            StackDescription stack = StackDescription.read(reconcile.root.stateDir());
            ServiceApi api = new ServiceApi(stack);
            if (find(api).isEmpty()) {
                System.err.println(kind + " " + namespace + "/" + name + " not found (see `sluice get sources`)");
                return 1;
            }
            String sourceId = new ObjectRef("source.toolkit.fluxcd.io/v1", kind, namespace, name).id();
            Instant asked = Instant.now();
            try (Publisher publisher = new Publisher(stack.kafkaBootstrapServers())) {
                publisher.send(Topics.SOURCE_COMMANDS, sourceId, SourceCommand.reconcile(sourceId, "cli", asked));
            }
            System.out.println("► reconcile requested for " + kind + " " + namespace + "/" + name);
            long end = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (System.nanoTime() < end) {
                Optional<SourceRow> row = find(api);
                if (row.isPresent() && row.get().lastPoll() != null && row.get().lastPoll().isAfter(asked)) {
                    System.out.println((row.get().ready() ? "✔ " : "✗ ") + "revision " + row.get().revision() + ": "
                            + row.get().message());
                    return row.get().ready() ? 0 : 1;
                }
                Thread.sleep(250);
            }
            System.err.println("no poll of " + name + " within " + timeoutSeconds + " s");
            return 1;
        }

        private Optional<SourceRow> find(ServiceApi api) throws java.io.IOException {
            return api.list(Service.SOURCE, "/api/sources", SourceRow.class).stream()
                    .filter(s -> s.kind().equals(kind) && s.namespace().equals(namespace) && s.name().equals(name))
                    .findFirst();
        }
    }
}
