package io.sluice.cli.app;

import io.sluice.api.Kind;
import io.sluice.api.Kinds;
import io.sluice.api.ObjectRef;
import io.sluice.events.AppStatus;
import io.sluice.events.ApplyCommand;
import io.sluice.events.Event;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One application of the running stack, addressed as people name it (kind, namespace, name):
 * its status from {@code sluice.apply.status}, and commands to it on {@code sluice.apply.commands}.
 */
final class AppTarget implements AutoCloseable {
    private final ObjectRef ref;
    private final String bootstrapServers;
    private final TopicView<AppStatus> statuses;
    /** Names this command's requests, so it recognises the answers to them and not to others. */
    private final String requester;

    AppTarget(String bootstrapServers, String kind, String namespace, String name) throws InterruptedException {
        Kind<?> applicationKind = Kinds.APPLICATIONS.stream().filter(found -> found.name().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--kind " + kind + " is not an application kind: use"
                        + " one of " + Kinds.APPLICATIONS.stream().map(Kind::name).toList()));
        this.ref = applicationKind.ref(namespace, name);
        this.bootstrapServers = bootstrapServers;
        this.requester = "cli " + System.getProperty("user.name") + "@" + ProcessHandle.current().pid() + "/"
                + Long.toHexString(System.nanoTime());
        this.statuses = new TopicView<>(bootstrapServers, Topics.APPLY_STATUS, AppStatus.class, (k, v) -> { }).start();
        if (!statuses.awaitCaughtUp(Duration.ofSeconds(30))) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s");
        }
    }

    ObjectRef ref() {
        return ref;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String requester() {
        return requester;
    }

    Optional<AppStatus> status() {
        return Optional.ofNullable(statuses.get(ref.id()));
    }

    /** The current status, or an error saying the application has none yet. */
    AppStatus requireStatus() {
        return status().orElseThrow(() -> new IllegalStateException(ref.display()
                + " has no status: it does not exist or has not been reconciled yet (see `sluice get apps`)"));
    }

    void send(String action, Map<String, String> options) {
        try (Publisher publisher = new Publisher(bootstrapServers)) {
            publisher.send(Topics.APPLY_COMMANDS, ref.id(), ApplyCommand.of(ref.id(), action, options, requester,
                    Instant.now()));
        }
    }

    /**
     * Sends a command and waits for the event that answers it: apply-service names the requester in
     * the events of the syncs it was asked for, and any error about the application after the
     * request counts as the answer too. Empty after {@code timeout}.
     */
    Optional<Event> sendAndAwaitEvent(String action, Map<String, String> options, Duration timeout)
            throws InterruptedException {
        return sendAndAwaitEvent(action, options, timeout, event -> true);
    }

    /** The same, where only events that pass {@code answers} (or errors) count as the answer. */
    Optional<Event> sendAndAwaitEvent(String action, Map<String, String> options, Duration timeout,
            Predicate<Event> answers) throws InterruptedException {
        CompletableFuture<Event> answer = new CompletableFuture<>();
        Instant asked = Instant.now();
        try (TopicView<Event> events = new TopicView<>(bootstrapServers, Topics.EVENTS, Event.class, (key, event) -> {
            if (event != null && ref.id().equals(key) && (event.message() != null
                    && event.message().contains(requester) && answers.test(event)
                    || Event.ERROR.equals(event.severity()) && event.time().isAfter(asked))) {
                answer.complete(event);
            }
        }).start()) {
            send(action, options);
            try {
                return Optional.of(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException | ExecutionException none) {
                return Optional.empty();
            }
        }
    }

    /** Waits for a status that satisfies {@code answer}; empty after {@code timeout}. */
    Optional<AppStatus> awaitStatus(Predicate<AppStatus> answer, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Optional<AppStatus> status = status().filter(answer);
            if (status.isPresent()) {
                return status;
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        statuses.close();
    }
}
