package io.sluice.render.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.read.ReadResult;
import io.sluice.api.status.Reasons;
import io.sluice.events.CommitTrace;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.events.trace.CommitSpans;
import io.sluice.render.bundle.BundlePacker;
import io.sluice.render.closure.ArtifactIndexes;
import io.sluice.render.closure.FileClosure.ReadFiles;
import io.sluice.render.closure.TreeIndex;
import io.sluice.render.manifest.RenderException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Brings one application's bundle up to date with its document and its sources' artifacts, the same
 * way for every kind (its {@link RenderStrategy} says what differs): renders when anything the render
 * reads changed, publishes when the result differs from the last bundle, says so on the events topic,
 * and removes the bundle when the document is deleted. A render of a revision new for the application
 * runs in a span of that commit's trace, which its bundle carries on ({@link SourceFiles#newCommit}).
 */
public final class RenderReconciler {
    public static final String SERVICE = "render-service";
    private static final Logger LOG = Logger.getLogger(RenderReconciler.class);

    private final Function<String, ConfigDocument> configs;
    private final Function<String, SourceArtifact> artifacts;
    private final RenderStrategies strategies;
    private final ArtifactIndexes indexes;
    private final PublishedBundles published;
    private final BundlePacker packer;
    private final MessageSink sink;
    private final MeterRegistry meters;
    private final CommitSpans spans;

    /** What a strategy loaded for one render, or why it could not. */
    private record Loaded<L>(L value, List<String> errors) {
    }

    public RenderReconciler(Function<String, ConfigDocument> configs, Function<String, SourceArtifact> artifacts,
            RenderStrategies strategies, ArtifactIndexes indexes, PublishedBundles published, BundlePacker packer,
            MessageSink sink, MeterRegistry meters, CommitSpans spans) {
        this.configs = configs;
        this.artifacts = artifacts;
        this.strategies = strategies;
        this.indexes = indexes;
        this.published = published;
        this.packer = packer;
        this.sink = sink;
        this.meters = meters;
        this.spans = spans;
    }

    public void reconcile(String appId) {
        ConfigDocument document = configs.apply(appId);
        if (document == null) {
            removeBundle(appId);
            return;
        }
        strategies.of(appId).ifPresent(strategy -> reconcile(appId, document, strategy));
    }

    /** The one render flow, whatever the kind. */
    private <T extends Resource, L> void reconcile(String appId, ConfigDocument document,
            RenderStrategy<T, L> strategy) {
        ReadResult<T> read = strategies.read(appId, document, strategy);
        if (!read.valid()) {
            publishInvalid(appId, document, read);
            return;
        }
        AppDocument<T> app = new AppDocument<>(read.value(), document);
        if (strategy.suspended(app.value())) {
            LOG.debugf("%s is suspended: not rendered", appId);
            return;
        }
        Optional<Map<String, SourceArtifact>> found = artifactsOf(appId, strategy.sourceIds(app.value()));
        if (found.isEmpty()) {
            return;
        }
        Loaded<L> loaded = load(strategy, app);
        SourceFiles files = readFiles(strategy, app, found.get());
        String inputs = inputsDigest(strategy, app, files, loaded);
        if (published.sameInputs(appId, inputs)) {
            keepBundle(appId, app, files);
            return;
        }
        RenderedBundle last = published.last(appId);
        Optional<SourceArtifact> commit = files.newCommit(last == null ? null : last.revision());
        if (commit.isEmpty()) {
            renderAndPublish(strategy, appId, app, files, loaded, inputs, null);
            return;
        }
        try (CommitSpans.Stage stage = spans.start("render " + appId, commit.get().trace().traceparent())) {
            renderAndPublish(strategy, appId, app, files, loaded, inputs,
                    commit.get().trace().withTraceparent(stage.traceparent()));
        }
    }

    /** {@code commit}: the trace the bundle carries on, or null when it belongs to no new commit. */
    private <T extends Resource, L> void renderAndPublish(RenderStrategy<T, L> strategy, String appId,
            AppDocument<T> app, SourceFiles files, Loaded<L> loaded, String inputs, CommitTrace commit) {
        long start = System.nanoTime();
        RenderedBundle bundle = render(strategy, appId, app, files, loaded);
        publishIfChanged(appId, app.ref(), bundle, inputs, Duration.ofNanos(System.nanoTime() - start), commit);
    }

    /**
     * A document that does not read (source-service publishes none: an older version or a test put it
     * on the topic): a failed bundle naming its errors, nothing else done with it.
     */
    private void publishInvalid(String appId, ConfigDocument document, ReadResult<?> read) {
        List<String> errors = read.errorMessages();
        publishIfChanged(appId, document.ref(), RenderedBundle.failed(appId, null, null, errors, Instant.now()),
                CanonicalDigest.of(errors), Duration.ZERO, null);
    }

    /** The artifact of each source, in order; empty (the application waits) while one has none yet. */
    private Optional<Map<String, SourceArtifact>> artifactsOf(String appId, List<String> sourceIds) {
        Map<String, SourceArtifact> found = new LinkedHashMap<>();
        for (String sourceId : sourceIds) {
            SourceArtifact artifact = artifacts.apply(sourceId);
            if (artifact == null) {
                LOG.debugf("%s waits for an artifact of %s", appId, sourceId);
                return Optional.empty();
            }
            found.put(sourceId, artifact);
        }
        return Optional.of(found);
    }

    /** What the render reads besides the artifacts (re-read each time: it changes on its own). */
    private static <T extends Resource, L> Loaded<L> load(RenderStrategy<T, L> strategy, AppDocument<T> app) {
        try {
            return new Loaded<>(strategy.load(app), List.of());
        } catch (RenderException e) {
            return new Loaded<>(null, e.errors());
        }
    }

    /**
     * The files the render can read and their digest; when an artifact cannot be read, all files, known
     * by the artifacts' digests and revisions, so that the render runs and reports why.
     */
    private <T extends Resource> SourceFiles readFiles(RenderStrategy<T, ?> strategy, AppDocument<T> app,
            Map<String, SourceArtifact> found) {
        Map<String, TreeIndex> trees = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, SourceArtifact> artifact : found.entrySet()) {
                trees.put(artifact.getKey(), indexes.of(artifact.getValue()));
            }
        } catch (RenderException e) {
            Map<String, ReadFiles> all = new LinkedHashMap<>();
            found.forEach((sourceId, artifact) -> all.put(sourceId,
                    ReadFiles.all(artifact.digest() + " " + artifact.revision())));
            return new SourceFiles(found, all);
        }
        return new SourceFiles(found, strategy.readFiles(app, trees));
    }

    /**
     * Not the revision: a commit that touches none of the files the render reads changes nothing. What the
     * strategy loaded counts, as it comes from folders that change on their own; so does the spec.
     */
    private static <T extends Resource, L> String inputsDigest(RenderStrategy<T, L> strategy, AppDocument<T> app,
            SourceFiles files, Loaded<L> loaded) {
        return CanonicalDigest.of(Arrays.asList(files.digests(), app.document().spec(),
                loaded.errors().isEmpty() ? strategy.digested(loaded.value()) : null, loaded.errors()));
    }

    /**
     * The last bundle came from the same inputs. A new revision that changed none of the files the render
     * reads re-uses the bundle as it is: nothing is published, not even the new revision, so the bundle
     * keeps naming the commit its files came from.
     */
    private void keepBundle(String appId, AppDocument<?> app, SourceFiles files) {
        RenderedBundle last = published.last(appId);
        if (last != null && !Objects.equals(files.revision(), last.revision())) {
            meters.counter("sluice.render.cache.hits").increment();
            LOG.infof("render %s at %s: none of its files changed since %s: bundle kept, nothing published",
                    app.ref().display(), files.revision(), last.revision());
        }
    }

    private <T extends Resource, L> RenderedBundle render(RenderStrategy<T, L> strategy, String appId,
            AppDocument<T> app, SourceFiles files, Loaded<L> loaded) {
        if (!loaded.errors().isEmpty()) {
            return RenderedBundle.failed(appId, files.sourceId(), files.revision(), loaded.errors(), Instant.now());
        }
        try {
            return packer.pack(app.ref(), files.sourceId(), files.revision(), strategy.render(app, files,
                    loaded.value()));
        } catch (RenderException e) {
            return RenderedBundle.failed(appId, files.sourceId(), files.revision(), e.errors(), Instant.now());
        }
    }

    /**
     * Publishes the bundle unless the last one is the same result and can still be fetched (a claim
     * check of another instance, taken over from it, is published again from this one), and remembers
     * what it came from. The bundle carries {@code commit} (may be null), stamped with the time it is published.
     */
    private void publishIfChanged(String appId, ObjectRef ref, RenderedBundle bundle, String inputs, Duration took,
            CommitTrace commit) {
        RenderedBundle last = published.last(appId);
        boolean changed = last == null || !sameResult(bundle, last) || !packer.serves(last);
        if (changed) {
            if (commit != null) {
                bundle = bundle.withTrace(commit.rendered(Instant.now()));
            } else if (last != null && sameResult(bundle, last)) {
                bundle = bundle.withTrace(last.trace()); // the same bundle, now served from here
            }
            sink.send(Topics.MANIFESTS_RENDERED, appId, packer.outgoing(bundle));
            announce(ref, bundle, last);
        }
        published.remember(appId, inputs, changed ? bundle : last);
        record(appId, ref, bundle, took, changed);
    }

    /** Events for people: a failed build, a build fixed after a failure. */
    private void announce(ObjectRef ref, RenderedBundle bundle, RenderedBundle last) {
        if (bundle.failed()) {
            send(Event.error(ref, Reasons.BUILD_FAILED, String.join("; ", bundle.errors()), bundle.revision(),
                    SERVICE));
        } else if (last != null && last.failed()) {
            send(Event.info(ref, Reasons.BUILD_SUCCEEDED, "rendered " + bundle.objects().size() + " objects",
                    bundle.revision(), SERVICE));
        }
    }

    private void send(Event event) {
        sink.send(Topics.EVENTS, event.involvedObject().id(), event);
    }

    private void removeBundle(String appId) {
        strategies.forget(appId);
        if (published.last(appId) != null) {
            sink.tombstone(Topics.MANIFESTS_RENDERED, appId);
            LOG.infof("render %s: document deleted, bundle removed", appId);
        }
        published.forget(appId);
    }

    private void record(String appId, ObjectRef ref, RenderedBundle bundle, Duration took, boolean changed) {
        String outcome = bundle.failed() ? "failed" : "succeeded";
        Timer.builder("sluice.render.duration").description("Time to render one application")
                .tag("app", appId).tag("outcome", outcome).register(meters).record(took);
        String line = String.format("render %s at %s: %d objects in %d ms, %s%s", ref.display(), bundle.revision(),
                bundle.objects().size(), took.toMillis(), outcome,
                changed ? "" : " (same result as the last bundle: not published)");
        if (bundle.failed()) {
            meters.counter("sluice.render.failures", "app", appId).increment();
            LOG.warn(line + ": " + String.join("; ", bundle.errors()));
        } else {
            LOG.info(line);
        }
    }

    private static boolean sameResult(RenderedBundle bundle, RenderedBundle last) {
        return Objects.equals(bundle.sourceId(), last.sourceId())
                && Objects.equals(bundle.revision(), last.revision())
                && Objects.equals(bundle.digest(), last.digest())
                && Objects.equals(bundle.errors(), last.errors());
    }
}
