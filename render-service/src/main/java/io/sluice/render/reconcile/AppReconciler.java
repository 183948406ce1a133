package io.sluice.render.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.render.bundle.BundlePacker;
import io.sluice.render.closure.ArtifactIndexes;
import io.sluice.render.closure.FileClosure;
import io.sluice.render.closure.FileClosure.ReadFiles;
import io.sluice.render.closure.TreeIndex;
import io.sluice.render.argo.ArgoApplication;
import io.sluice.render.argo.ArgoRenderer;
import io.sluice.render.helm.HelmReleaseSpec;
import io.sluice.render.helm.HelmRenderer;
import io.sluice.render.helm.ReleaseValues;
import io.sluice.render.helm.ValuesSources;
import io.sluice.render.kustomization.KustomizationSpec;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.postbuild.VariableSources;
import io.sluice.render.postbuild.Variables;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Brings one application's bundle up to date with its Kustomization (or HelmRelease, or Argo CD Application) and
 * its sources' artifacts:
 * renders when the inputs changed, publishes when the result differs from the last bundle, says
 * so on the events topic, and removes the bundle when the Kustomization is deleted.
 */
public final class AppReconciler {
    public static final String SERVICE = "render-service";
    private static final Logger LOG = Logger.getLogger(AppReconciler.class);

    private final Function<String, ConfigDocument> configs;
    private final Function<String, SourceArtifact> artifacts;
    private final Renderer renderer;
    private final VariableSources variableSources;
    private final HelmRenderer helmRenderer;
    private final ValuesSources valuesSources;
    private final ArgoRenderer argoRenderer;
    private final PublishedBundles published;
    private final BundlePacker packer;
    private final ArtifactIndexes indexes;
    private final Publisher publisher;
    private final MeterRegistry meters;

    public AppReconciler(Function<String, ConfigDocument> configs, Function<String, SourceArtifact> artifacts,
            Renderer renderer, VariableSources variableSources, HelmRenderer helmRenderer, ValuesSources valuesSources,
            ArgoRenderer argoRenderer, PublishedBundles published, ArtifactIndexes indexes, BundlePacker packer,
            Publisher publisher, MeterRegistry meters) {
        this.configs = configs;
        this.artifacts = artifacts;
        this.renderer = renderer;
        this.variableSources = variableSources;
        this.helmRenderer = helmRenderer;
        this.valuesSources = valuesSources;
        this.argoRenderer = argoRenderer;
        this.published = published;
        this.packer = packer;
        this.indexes = indexes;
        this.publisher = publisher;
        this.meters = meters;
    }

    public void reconcile(String appId) {
        ConfigDocument document = configs.apply(appId);
        if (document == null) {
            removeBundle(appId);
            return;
        }
        if (HelmReleaseSpec.isHelmRelease(appId)) {
            reconcileHelmRelease(appId, document);
            return;
        }
        if (ArgoApplication.isApplication(appId)) {
            reconcileArgoApplication(appId, document);
            return;
        }
        KustomizationSpec spec = KustomizationSpec.of(document);
        if (spec.suspend()) {
            LOG.debugf("%s is suspended: not rendered", appId);
            return;
        }
        SourceArtifact artifact = spec.sourceId() == null ? null : artifacts.apply(spec.sourceId());
        if (artifact == null && spec.errors().isEmpty()) {
            LOG.debugf("%s waits for an artifact of %s", appId, spec.sourceId());
            return;
        }
        List<String> errors = new ArrayList<>(spec.errors());
        Variables variables = Variables.NONE;
        try {
            variables = variableSources.load(spec.origin(), spec.ref().namespace(), spec.build().postBuild());
        } catch (RenderException e) {
            errors.addAll(e.errors());
        }
        // Not the revision: a commit that touches none of the files the build reads changes nothing.
        // The variables count, as they are read from folders that change on their own.
        ReadFiles files = readFiles(artifact, tree -> FileClosure.of(tree, spec.path() == null ? "" : spec.path(),
                spec.build().components()));
        String inputs = CanonicalDigest.of(Arrays.asList(files == null ? null : files.digest(), document.spec(),
                variables.values(), errors));
        Variables found = variables;
        renderUnlessSame(appId, spec, artifact, errors, inputs,
                () -> renderer.render(artifact, spec, found, files.includes()));
    }

    /** The same for a HelmRelease: its chart artifact and its values (re-read each time, as they may change). */
    private void reconcileHelmRelease(String appId, ConfigDocument document) {
        HelmReleaseSpec spec = HelmReleaseSpec.of(document);
        if (spec.suspend()) {
            LOG.debugf("%s is suspended: not rendered", appId);
            return;
        }
        SourceArtifact artifact = artifacts.apply(spec.sourceId());
        if (artifact == null && spec.errors().isEmpty()) {
            LOG.debugf("%s waits for a chart artifact of %s", appId, spec.sourceId());
            return;
        }
        List<String> errors = new ArrayList<>(spec.errors());
        ReleaseValues values = new ReleaseValues(Map.of(), List.of());
        try {
            values = valuesSources.load(spec);
        } catch (RenderException e) {
            errors.addAll(e.errors());
        }
        ReadFiles files = readFiles(artifact, FileClosure::whole);
        String inputs = CanonicalDigest.of(Arrays.asList(files == null ? null : files.digest(), document.spec(),
                values.values(), errors));
        ReleaseValues found = values;
        renderUnlessSame(appId, spec, artifact, errors, inputs, () -> helmRenderer.render(artifact, spec, found));
    }

    /**
     * The files a render can read and their digest; when the artifact cannot be read, all files, known
     * by its digest and revision, so that the render runs and reports why.
     */
    private ReadFiles readFiles(SourceArtifact artifact, Function<TreeIndex, ReadFiles> closure) {
        if (artifact == null) {
            return null;
        }
        try {
            return closure.apply(indexes.of(artifact));
        } catch (RenderException e) {
            return ReadFiles.all(artifact.digest() + " " + artifact.revision());
        }
    }

    /**
     * Renders unless the last bundle came from the same inputs. A new revision that changed none of
     * the files the render reads re-uses the bundle as it is: nothing is published, not even the new
     * revision, so the bundle keeps naming the commit its files came from.
     */
    private void renderUnlessSame(String appId, AppSpec spec, SourceArtifact artifact, List<String> errors,
            String inputs, RenderStep step) {
        if (!published.sameInputs(appId, inputs)) {
            render(appId, spec, artifact, errors, inputs, step);
            return;
        }
        RenderedBundle last = published.last(appId);
        if (artifact != null && last != null && !Objects.equals(artifact.revision(), last.revision())) {
            meters.counter("sluice.render.cache.hits").increment();
            LOG.infof("render %s at %s: none of its files changed since %s: bundle kept, nothing published",
                    spec.ref().display(), artifact.revision(), last.revision());
        }
    }

    /** The same for an Argo CD Application: the artifacts of all its sources. */
    private void reconcileArgoApplication(String appId, ConfigDocument document) {
        ArgoApplication spec = ArgoApplication.of(document);
        List<SourceArtifact> found = new ArrayList<>();
        for (String sourceId : spec.sourceIds()) {
            SourceArtifact artifact = artifacts.apply(sourceId);
            if (artifact == null && spec.errors().isEmpty()) {
                LOG.debugf("%s waits for an artifact of %s", appId, sourceId);
                return;
            }
            found.add(artifact);
        }
        List<String> errors = List.copyOf(spec.errors());
        List<Object> inputs = new ArrayList<>(Arrays.asList(document.spec(), errors));
        found.forEach(artifact -> inputs.addAll(Arrays.asList(artifact == null ? null : artifact.digest(),
                artifact == null ? null : artifact.revision())));
        String digest = CanonicalDigest.of(inputs);
        if (!published.sameInputs(appId, digest)) {
            // Several sources: the bundle's revision names each, in source order, as Argo CD lists them.
            String revision = found.stream().map(artifact -> artifact == null ? null : artifact.revision())
                    .filter(Objects::nonNull).distinct().reduce((a, b) -> a + ", " + b).orElse(null);
            render(appId, spec, revision, errors, digest, () -> argoRenderer.render(spec, artifacts));
        }
    }

    /** One render of an application's objects. */
    @FunctionalInterface
    private interface RenderStep {
        List<Map<String, Object>> objects() throws RenderException;
    }

    private void render(String appId, AppSpec spec, SourceArtifact artifact, List<String> errors, String inputs,
            RenderStep step) {
        render(appId, spec, artifact == null ? null : artifact.revision(), errors, inputs, step);
    }

    private void render(String appId, AppSpec spec, String revision, List<String> errors, String inputs,
            RenderStep step) {
        long start = System.nanoTime();
        RenderedBundle bundle;
        if (!errors.isEmpty()) {
            bundle = RenderedBundle.failed(appId, spec.sourceId(), revision, errors, Instant.now());
        } else {
            try {
                bundle = packer.pack(spec.ref(), spec.sourceId(), revision, step.objects());
            } catch (RenderException e) {
                bundle = RenderedBundle.failed(appId, spec.sourceId(), revision, e.errors(), Instant.now());
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        RenderedBundle last = published.last(appId);
        boolean changed = last == null || !sameResult(bundle, last);
        if (changed) {
            publisher.send(Topics.MANIFESTS_RENDERED, appId, packer.outgoing(bundle));
            announce(spec, bundle, last);
        }
        published.remember(appId, inputs, changed ? bundle : last);
        record(appId, spec, bundle, took, changed);
    }

    /** Events for people: a failed build, a build fixed after a failure, build options not honoured. */
    private void announce(AppSpec spec, RenderedBundle bundle, RenderedBundle last) {
        if (bundle.failed()) {
            send(Event.error(spec.ref(), "BuildFailed", String.join("; ", bundle.errors()), bundle.revision(),
                    SERVICE));
            return;
        }
        if (last != null && last.failed()) {
            send(Event.info(spec.ref(), "BuildSucceeded", "rendered " + bundle.objects().size() + " objects",
                    bundle.revision(), SERVICE));
        }
        if (!spec.unsupportedFields().isEmpty()) {
            send(Event.info(spec.ref(), "UnsupportedFields", spec.origin() + ": "
                    + String.join(", ", spec.unsupportedFields())
                    + " not supported by render-service yet: rendered without them", bundle.revision(), SERVICE));
        }
    }

    private void send(Event event) {
        publisher.send(Topics.EVENTS, event.involvedObject().id(), event);
    }

    private void removeBundle(String appId) {
        if (published.last(appId) != null) {
            publisher.tombstone(Topics.MANIFESTS_RENDERED, appId);
            LOG.infof("render %s: Kustomization deleted, bundle removed", appId);
        }
        published.forget(appId);
    }

    private void record(String appId, AppSpec spec, RenderedBundle bundle, Duration took,
            boolean changed) {
        String outcome = bundle.failed() ? "failed" : "succeeded";
        Timer.builder("sluice.render.duration").description("Time to render one application")
                .tag("app", appId).tag("outcome", outcome).register(meters).record(took);
        String line = String.format("render %s at %s: %d objects in %d ms, %s%s", spec.ref().display(),
                bundle.revision(), bundle.objects().size(), took.toMillis(), outcome,
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
