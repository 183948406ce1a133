package io.sluice.cli;

import io.sluice.api.Kind;
import io.sluice.api.ObjectRef;
import io.sluice.api.image.ImageRepository;
import io.sluice.api.image.ImageUpdateAutomation;
import io.sluice.cli.get.ImageRows;
import io.sluice.cli.stack.StackDescription;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ImageCommand;
import io.sluice.events.ImageStatus;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice reconcile image NAME}: scan the ImageRepository NAME and run the ImageUpdateAutomation
 * NAME now (whichever of them exist, or the one {@code --kind} names), then wait for image-service's
 * report of that run on sluice.image.status.
 */
@Command(name = "image", description = "Scan an ImageRepository or run an ImageUpdateAutomation now, and wait for"
        + " the result.")
final class ImageReconcile implements Callable<Integer> {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final List<Kind<?>> KINDS = List.of(ImageRepository.KIND, ImageUpdateAutomation.KIND);

    @ParentCommand
    ReconcileCommand reconcile;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = {"-n", "--namespace"}, defaultValue = "flux-system", description = "default: ${DEFAULT-VALUE}")
    String namespace;

    @Option(names = "--kind", description = "ImageRepository or ImageUpdateAutomation (default: both, where they exist)")
    String kind;

    @Option(names = "--timeout", defaultValue = "120", description = "seconds to wait (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        StackDescription stack = StackDescription.read(reconcile.root.stateDir());
        String bootstrap = stack.kafkaBootstrapServers();
        try (TopicView<ConfigDocument> config = new TopicView<>(bootstrap, Topics.CONFIG, ConfigDocument.class,
                (key, value) -> { }).start();
                TopicView<ImageStatus> statuses = new TopicView<>(bootstrap, Topics.IMAGE_STATUS, ImageStatus.class,
                        (key, value) -> { }).start()) {
            if (!config.awaitCaughtUp(READ_TIMEOUT)) {
                System.err.println("Kafka at " + bootstrap + " did not answer within " + READ_TIMEOUT.toSeconds() + " s");
                return 1;
            }
            List<ObjectRef> targets = KINDS.stream().filter(k -> kind == null || k.name().equals(kind))
                    .map(k -> k.ref(namespace, name)).filter(ref -> config.get(ref.id()) != null).toList();
            if (targets.isEmpty()) {
                System.err.println((kind == null ? "no ImageRepository or ImageUpdateAutomation" : kind) + " "
                        + namespace + "/" + name + " in the configuration (see `sluice get images`)");
                return 1;
            }
            List<ObjectRef> suspended = targets.stream().filter(ref -> ImageRows.suspended(config.get(ref.id())))
                    .toList();
            if (!suspended.isEmpty()) {
                suspended.forEach(ref -> System.err.println(ref.kind() + " " + namespace + "/" + name
                        + " is suspended (spec.suspend): resume it in its document first"));
                return 1;
            }
            Instant asked = Instant.now();
            try (Publisher publisher = new Publisher(bootstrap)) {
                for (ObjectRef target : targets) {
                    publisher.send(Topics.IMAGE_COMMANDS, target.id(), ImageCommand.reconcile(target.id(), "cli",
                            asked));
                    System.out.println("► reconcile requested for " + target.kind() + " " + namespace + "/" + name);
                }
            }
            boolean allReady = true;
            long end = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            for (ObjectRef target : targets) {
                ImageStatus status = awaitReport(statuses, target.id(), asked, end);
                if (status == null) {
                    System.err.println("✗ no report on " + target.kind() + " " + name + " within " + timeoutSeconds
                            + " s");
                    return 1;
                }
                System.out.println((status.ready() ? "✔ " : "✗ ") + target.kind() + " " + name + ": "
                        + status.message());
                allReady &= status.ready();
            }
            return allReady ? 0 : 1;
        }
    }

    /** The first status of {@code id} made after {@code asked}, or null at {@code endNanos}. */
    private static ImageStatus awaitReport(TopicView<ImageStatus> statuses, String id, Instant asked, long endNanos)
            throws InterruptedException {
        while (System.nanoTime() < endNanos) {
            ImageStatus status = statuses.get(id);
            if (status != null && status.time() != null && status.time().isAfter(asked)) {
                return status;
            }
            Thread.sleep(200);
        }
        return null;
    }
}
