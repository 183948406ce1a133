package io.sluice.cli.get;

import io.sluice.api.Kinds;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every application Sluice knows, read from the compacted topics: the configuration says which
 * applications exist, the configuration problems why a document of one is not used, the apply status
 * how each one is doing. An application whose only document has errors is listed too: it is what
 * the user wrote, and the errors say why nothing happens.
 */
public final class Applications {
    private final Map<String, ConfigDocument> config;
    private final Map<String, ConfigProblems> problems;
    private final Map<String, AppStatus> statuses;

    Applications(Map<String, ConfigDocument> config, Map<String, ConfigProblems> problems,
            Map<String, AppStatus> statuses) {
        this.config = config;
        this.problems = problems;
        this.statuses = statuses;
    }

    /** What the running stack's topics say now. */
    public static Applications read(String bootstrapServers) throws InterruptedException {
        try (CompactedTopics topics = new CompactedTopics(bootstrapServers)) {
            TopicView<ConfigDocument> documents = topics.open(Topics.CONFIG, ConfigDocument.class);
            TopicView<ConfigProblems> documentProblems = topics.open(Topics.CONFIG_PROBLEMS, ConfigProblems.class);
            TopicView<AppStatus> applyStatus = topics.open(Topics.APPLY_STATUS, AppStatus.class);
            topics.awaitCaughtUp();
            return new Applications(documents.snapshot(), documentProblems.snapshot(), applyStatus.snapshot());
        }
    }

    /** One row per application: each published one, and each whose only document has errors. */
    public List<AppRow> rows() {
        Stream<ObjectRef> published = config.values().stream().map(ConfigDocument::ref).filter(Kinds::isApplication);
        Stream<ObjectRef> neverValid = problems.entrySet().stream()
                .filter(entry -> !config.containsKey(entry.getKey()) && entry.getValue().invalid())
                .map(entry -> entry.getValue().ref())
                .filter(ref -> ref != null && Kinds.isApplication(ref));
        return Stream.concat(published, neverValid).map(this::rowOf)
                .sorted(Comparator.comparing(AppRow::namespace).thenComparing(AppRow::name)).toList();
    }

    /**
     * The row of {@code app}: as {@link #rows} has it, or from its status alone when its document is
     * gone (it is being pruned, say); empty when Sluice knows nothing of it.
     */
    public Optional<AppRow> row(ObjectRef app) {
        boolean known = config.containsKey(app.id()) || InvalidConfiguration.invalid(problems.get(app.id()))
                || statuses.containsKey(app.id());
        return known ? Optional.of(rowOf(app)) : Optional.empty();
    }

    /** The errors of {@code app}'s latest document; empty when it has none. */
    public List<String> errors(ObjectRef app) {
        ConfigProblems found = problems.get(app.id());
        return InvalidConfiguration.invalid(found) ? found.errors() : List.of();
    }

    /** Whether a valid document of {@code app} is published (and so applied), whatever its latest one. */
    public boolean published(ObjectRef app) {
        return config.containsKey(app.id());
    }

    public Optional<AppStatus> status(ObjectRef app) {
        return Optional.ofNullable(statuses.get(app.id()));
    }

    private AppRow rowOf(ObjectRef app) {
        AppStatus status = statuses.get(app.id());
        ConfigProblems found = problems.get(app.id());
        String message = status == null ? "waiting for the first reconcile" : status.message();
        if (InvalidConfiguration.invalid(found)) {
            message = InvalidConfiguration.message(published(app) ? InvalidConfiguration.LAST_VALID_APPLIED
                    : InvalidConfiguration.NEVER_VALID, found);
        }
        return status == null
                ? new AppRow(app.name(), app.namespace(), app.kind(), SyncCode.UNKNOWN, HealthCode.UNKNOWN, "",
                        message)
                : new AppRow(app.name(), app.namespace(), app.kind(), status.sync(), status.health(),
                        status.revision(), message);
    }
}
