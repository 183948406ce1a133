package io.sluice.events;

import java.util.List;

/** The Kafka topics that connect the stages (docs/architecture.md, "Topics"). */
public final class Topics {
    public static final String CONFIG = "sluice.config";
    /** Why configuration documents were not published, or what in them Sluice does not act on: {@link ConfigProblems}. */
    public static final String CONFIG_PROBLEMS = "sluice.config.problems";
    public static final String SOURCE_ARTIFACTS = "sluice.source.artifacts";
    public static final String SOURCE_COMMANDS = "sluice.source.commands";
    public static final String MANIFESTS_RENDERED = "sluice.manifests.rendered";
    public static final String APPLY_COMMANDS = "sluice.apply.commands";
    public static final String APPLY_STATUS = "sluice.apply.status";
    /**
     * The bundles of the applications' history entries, keyed {@code <appId>@<bundle digest>}, exactly
     * as rendered (secrets stay as the render-service published them); tombstoned when no entry of
     * the last {@code revisionHistoryLimit} names them any more. A rollback reads its bundle here.
     */
    public static final String APPLY_BUNDLES = "sluice.apply.bundles";
    public static final String IMAGE_POLICIES = "sluice.image.policies";
    /** Requests to scan an ImageRepository or run an ImageUpdateAutomation now: {@link ImageCommand}. */
    public static final String IMAGE_COMMANDS = "sluice.image.commands";
    /** Where each image object stands: {@link ImageStatus}. */
    public static final String IMAGE_STATUS = "sluice.image.status";
    public static final String EVENTS = "sluice.events";

    /** A topic and whether it keeps only the latest record per key. */
    public record Spec(String name, boolean compacted) {
        public String deadLetter() {
            return name + ".dlq";
        }
    }

    public static final List<Spec> ALL = List.of(
            new Spec(CONFIG, true),
            new Spec(CONFIG_PROBLEMS, true),
            new Spec(SOURCE_ARTIFACTS, true),
            new Spec(SOURCE_COMMANDS, false),
            new Spec(MANIFESTS_RENDERED, true),
            new Spec(APPLY_COMMANDS, false),
            new Spec(APPLY_STATUS, true),
            new Spec(APPLY_BUNDLES, true),
            new Spec(IMAGE_POLICIES, true),
            new Spec(IMAGE_COMMANDS, false),
            new Spec(IMAGE_STATUS, true),
            new Spec(EVENTS, false));

    private Topics() {
    }
}
