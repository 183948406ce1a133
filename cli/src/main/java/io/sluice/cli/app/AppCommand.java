package io.sluice.cli.app;

import io.sluice.api.status.SyncCode;
import io.sluice.cli.SluiceCommand;
import io.sluice.cli.get.AppRow;
import io.sluice.cli.get.Applications;
import io.sluice.cli.get.Output;
import io.sluice.cli.stack.StackDescription;
import io.sluice.events.AppStatus.HistoryEntry;
import io.sluice.events.AppStatus;
import io.sluice.events.ApplyCommand;
import io.sluice.events.CommitTrace;
import io.sluice.events.Event;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sluice app}: the verbs of {@code argocd app}, for the applications of the running stack. */
@Command(name = "app", description = "Look at one application and act on it.",
        subcommands = {AppCommand.Get.class, AppCommand.Resources.class, AppCommand.Diff.class, AppCommand.Sync.class,
            AppCommand.History.class, AppCommand.Rollback.class, AppCommand.Suspend.class, AppCommand.Resume.class})
public final class AppCommand {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @ParentCommand
    SluiceCommand root;

    /** What every verb shares: which application, and the stack it lives in. */
    abstract static class Verb implements Callable<Integer> {
        @ParentCommand
        AppCommand app;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = {"-n", "--namespace"}, defaultValue = "flux-system", description = "default: ${DEFAULT-VALUE}")
        String namespace;

        @Option(names = "--kind", defaultValue = "Kustomization",
                description = "Kustomization, HelmRelease or Application (default: ${DEFAULT-VALUE})")
        String kind;

        abstract int run(AppTarget target) throws Exception;

        @Override
        public Integer call() throws Exception {
            StackDescription stack = StackDescription.read(app.root.stateDir());
            try (AppTarget target = new AppTarget(stack.kafkaBootstrapServers(), kind, namespace, name)) {
                return run(target);
            }
        }
    }

    @Command(name = "get", description = "The application's sync, health, revision and message, how long each stage"
            + " took with the last sync's commit, every error of its configuration, and its objects.")
    static final class Get extends Verb {
        @Override
        int run(AppTarget target) throws InterruptedException {
            Applications apps = Applications.read(target.bootstrapServers());
            AppRow row = apps.row(target.ref()).orElseThrow(() -> new IllegalStateException(target.ref().display()
                    + " is not known: no configuration document names it (see `sluice get apps`)"));
            System.out.printf("Name:          %s%nNamespace:     %s%nKind:          %s%nSync Status:   %s%n"
                    + "Health Status: %s%nRevision:      %s%nMessage:       %s%n", row.name(), row.namespace(),
                    row.kind(), row.sync(), row.health(), row.revision(), row.message());
            apps.status(target.ref()).flatMap(AppCommand::lastSyncTimes)
                    .ifPresent(times -> System.out.println("Last sync:     " + times));
            System.out.println();
            List<String> errors = apps.errors(target.ref());
            if (!errors.isEmpty()) {
                System.out.println("Configuration errors (" + (apps.published(target.ref())
                        ? "the last valid version stays applied" : "the application is not applied") + "):");
                errors.forEach(error -> System.out.println("  " + error));
                System.out.println();
            }
            apps.status(target.ref()).ifPresent(status -> Output.TABLE.print(rows(status), ResourceRow.class,
                    System.out));
            return 0;
        }
    }

    @Command(name = "resources", description = "Every object of the application with its sync and health.")
    static final class Resources extends Verb {
        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml")
        String output;

        @Override
        int run(AppTarget target) {
            Output.parse(output).print(rows(target.requireStatus()), ResourceRow.class, System.out);
            return 0;
        }
    }

    @Command(name = "diff", description = "What a sync would change (a server-side dry run); exit code 1 when out of sync.")
    static final class Diff extends Verb {
        @Override
        int run(AppTarget target) throws InterruptedException {
            return dryRun(target, false);
        }
    }

    @Command(name = "sync", description = "Apply the application's latest bundle now.")
    static final class Sync extends Verb {
        @Option(names = "--prune", description = "Also delete what left Git, even when the spec does not prune.")
        boolean prune;

        @Option(names = "--dry-run", description = "Only report what would change.")
        boolean dryRun;

        @Override
        int run(AppTarget target) throws InterruptedException {
            if (dryRun) {
                return dryRun(target, prune);
            }
            Map<String, String> options = new LinkedHashMap<>();
            if (prune) {
                options.put("prune", "true");
            }
            System.out.println("► sync requested for " + target.ref().display());
            return printAnswer(target.sendAndAwaitEvent("sync", options, ANSWER_TIMEOUT), name);
        }
    }

    @Command(name = "history", description = "The application's last syncs, oldest first, with the ids rollback takes.")
    static final class History extends Verb {
        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml")
        String output;

        @Override
        int run(AppTarget target) {
            AppStatus status = target.requireStatus();
            List<HistoryEntry> entries = status.history() == null ? List.of() : status.history();
            Output format = Output.parse(output);
            if (format == Output.TABLE) {
                format.print(entries.stream().map(HistoryRow::of).toList(), HistoryRow.class, System.out);
            } else {
                format.print(entries, HistoryEntry.class, System.out);
            }
            return 0;
        }
    }

    @Command(name = "rollback", description = "Apply the bundle of an earlier sync again (an ID of `sluice app history`;"
            + " default: the one before the last) and pause automated sync until `sluice app resume`.")
    static final class Rollback extends Verb {
        @Parameters(index = "1", arity = "0..1", paramLabel = "ID")
        Long id;

        @Option(names = "--prune", description = "Also delete what the earlier sync did not have, even when the spec"
                + " does not prune.")
        boolean prune;

        @Override
        int run(AppTarget target) throws InterruptedException {
            target.requireStatus();
            Map<String, String> options = new LinkedHashMap<>();
            if (id != null) {
                options.put(ApplyCommand.HISTORY_ID, id.toString());
            }
            if (prune) {
                options.put("prune", "true");
            }
            System.out.println("► rollback of " + target.ref().display() + " to " + (id == null
                    ? "the sync before the last" : "history entry " + id) + " requested");
            Optional<Event> done = target.sendAndAwaitEvent(ApplyCommand.ROLLBACK, options, ANSWER_TIMEOUT,
                    event -> "RolledBack".equals(event.reason()));
            return printAnswer(done, name);
        }
    }

    @Command(name = "suspend", description = "Stop applying and self-healing until resumed.")
    static final class Suspend extends Verb {
        @Override
        int run(AppTarget target) throws InterruptedException {
            return toggle(target, "suspend", true);
        }
    }

    @Command(name = "resume", description = "Apply and self-heal again.")
    static final class Resume extends Verb {
        @Override
        int run(AppTarget target) throws InterruptedException {
            return toggle(target, "resume", false);
        }
    }

    /** Prints the event that answered a command; 0 when it is not an error. */
    static int printAnswer(Optional<Event> done, String name) {
        if (done.isEmpty()) {
            System.err.println("no answer from apply-service within " + ANSWER_TIMEOUT.toSeconds()
                    + " s (see `sluice app get " + name + "`)");
            return 1;
        }
        System.out.println((Event.INFO.equals(done.get().severity()) ? "✔ " : "✗ ") + done.get().reason() + ": "
                + done.get().message());
        return Event.INFO.equals(done.get().severity()) ? 0 : 1;
    }

    static int dryRun(AppTarget target, boolean prune) throws InterruptedException {
        target.send("sync", prune ? Map.of("dryRun", "true", "prune", "true") : Map.of("dryRun", "true"));
        String answer = "Dry run by " + target.requester();
        Optional<AppStatus> status = target.awaitStatus(s -> s.message() != null && s.message().contains(answer),
                ANSWER_TIMEOUT);
        if (status.isEmpty()) {
            System.err.println("no dry-run answer from apply-service within " + ANSWER_TIMEOUT.toSeconds() + " s");
            return 2;
        }
        System.out.println(status.get().message());
        List<ResourceRow> changed = rows(status.get()).stream()
                .filter(r -> !SyncCode.SYNCED.equals(r.status())).toList();
        if (!changed.isEmpty()) {
            Output.TABLE.print(changed, ResourceRow.class, System.out);
        }
        return SyncCode.SYNCED.equals(status.get().sync()) ? 0 : 1;
    }

    static int toggle(AppTarget target, String action, boolean suspended) throws InterruptedException {
        target.requireStatus();
        target.send(action, Map.of());
        Optional<AppStatus> status = target.awaitStatus(s -> s.message() != null
                && s.message().startsWith("Suspended by command") == suspended, ANSWER_TIMEOUT);
        if (status.isEmpty()) {
            System.err.println(action + " of " + target.ref().display() + " not confirmed within "
                    + ANSWER_TIMEOUT.toSeconds() + " s (see `sluice get apps` and the events)");
            return 1;
        }
        System.out.println("✔ " + target.ref().display() + ": " + status.get().message());
        return 0;
    }

    /**
     * How long each stage took with the commit of the last sync, from its arrival: {@code source 120 ms,
     * render 310 ms, apply 840 ms, total 1.3 s (revision main@sha1:…)}; empty when that sync has no
     * trace (it re-applied a revision already applied: a user's sync, a self-heal, a rollback).
     */
    static Optional<String> lastSyncTimes(AppStatus status) {
        if (status.history() == null || status.history().isEmpty()) {
            return Optional.empty();
        }
        HistoryEntry last = status.history().get(status.history().size() - 1);
        return Optional.ofNullable(last.trace()).map(CommitTrace::summary).filter(summary -> !summary.isEmpty())
                .map(summary -> summary + " (revision " + last.revision() + ")");
    }

    static List<ResourceRow> rows(AppStatus status) {
        return status.resources() == null ? List.of() : status.resources().stream()
                .map(r -> new ResourceRow(r.ref().group(), r.ref().kind(), r.ref().namespace(), r.ref().name(),
                        r.sync(), r.health(), r.message()))
                .toList();
    }
}
