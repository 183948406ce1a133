package io.sluice.render;

import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.events.SourceArtifact;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test's side of the topics: publishes Kustomizations and artifacts as the source-service
 * would, and records every bundle and event the render-service publishes.
 */
final class RenderTopics implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    private final String bootstrap = KafkaBroker.shared().bootstrapServers();
    private final Publisher publisher = new Publisher(bootstrap);
    private final Map<String, List<RenderedBundle>> bundles = new ConcurrentHashMap<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final TopicView<RenderedBundle> bundleView = new TopicView<>(bootstrap, Topics.MANIFESTS_RENDERED,
            RenderedBundle.class, (key, bundle) -> {
                if (bundle != null) {
                    bundles.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(bundle);
                }
            }).start();
    private final TopicView<Event> eventView = new TopicView<>(bootstrap, Topics.EVENTS, Event.class,
            (key, event) -> events.add(event)).start();

    static ObjectRef kustomizationRef(String name) {
        return new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", name);
    }

    static String sourceId(String gitRepository) {
        return new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", gitRepository).id();
    }

    /** Publishes a Flux Kustomization of {@code gitRepository}'s folder {@code path}; returns its app id. */
    String kustomization(String name, String gitRepository, String path, Map<String, Object> moreSpec) {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("interval", "5m", "path", path, "prune", true,
                "sourceRef", Map.of("kind", "GitRepository", "name", gitRepository)));
        spec.putAll(moreSpec);
        ObjectRef ref = kustomizationRef(name);
        Map<String, Object> document = Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                "metadata", Map.of("name", name, "namespace", ref.namespace()), "spec", spec);
        publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "clusters/dev/" + name + ".yaml", document));
        return ref.id();
    }

    String kustomization(String name, String gitRepository, String path) {
        return kustomization(name, gitRepository, path, Map.of());
    }

    static ObjectRef helmReleaseRef(String name) {
        return new ObjectRef("helm.toolkit.fluxcd.io/v2", "HelmRelease", "flux-system", name);
    }

    /** The HelmChart source-service makes for a HelmRelease, as Flux names it. */
    static String chartSourceId(String helmRelease) {
        return new ObjectRef("source.toolkit.fluxcd.io/v1", "HelmChart", "flux-system",
                "flux-system-" + helmRelease).id();
    }

    /** Publishes a Flux HelmRelease of chart {@code chart} with {@code moreSpec}; returns its app id. */
    String helmRelease(String name, String chart, Map<String, Object> moreSpec) {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("interval", "10m", "chart", Map.of("spec", Map.of(
                "chart", chart, "sourceRef", Map.of("kind", "HelmRepository", "name", chart + "-charts")))));
        spec.putAll(moreSpec);
        ObjectRef ref = helmReleaseRef(name);
        Map<String, Object> document = Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                "metadata", Map.of("name", name, "namespace", ref.namespace()), "spec", spec);
        publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "clusters/dev/" + name + ".yaml", document));
        return ref.id();
    }

    static ObjectRef argoApplicationRef(String name) {
        return new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", name);
    }

    /** Publishes an Argo CD Application {@code name} with {@code spec}; returns its app id. */
    String argoApplication(String name, Map<String, Object> spec) {
        ObjectRef ref = argoApplicationRef(name);
        Map<String, Object> document = Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                "metadata", Map.of("name", name, "namespace", ref.namespace()), "spec", spec);
        publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "apps/" + name + ".yaml", document));
        return ref.id();
    }

    void deleteKustomization(String appId) {
        publisher.tombstone(Topics.CONFIG, appId);
    }

    void artifact(SourceArtifact artifact) {
        publisher.send(Topics.SOURCE_ARTIFACTS, artifact.sourceId(), artifact);
    }

    /** Waits for the bundle of {@code appId} at {@code revision}. */
    RenderedBundle bundle(String appId, String revision) {
        return Deadline.await("bundle of " + appId + " at " + revision, WAIT,
                () -> bundles(appId).stream().filter(b -> revision.equals(b.revision())).reduce((a, b) -> b)
                        .orElse(null),
                () -> bundles(appId).toString());
    }

    List<RenderedBundle> bundles(String appId) {
        return new ArrayList<>(bundles.getOrDefault(appId, List.of()));
    }

    /** The bundle now on the topic, or null once it is tombstoned. */
    RenderedBundle current(String appId) {
        return bundleView.get(appId);
    }

    /** Every event about {@code ref} so far. */
    List<Event> events(ObjectRef ref) {
        return events.stream().filter(e -> e.involvedObject().equals(ref)).toList();
    }

    /** Waits for an event about {@code ref} with {@code reason}. */
    Event event(ObjectRef ref, String reason) {
        return Deadline.await(reason + " event about " + ref.display(), WAIT,
                () -> events.stream().filter(e -> e.involvedObject().equals(ref) && e.reason().equals(reason))
                        .findFirst().orElse(null),
                () -> events.stream().filter(e -> e.involvedObject().equals(ref)).toList().toString());
    }

    @Override
    public void close() {
        bundleView.close();
        eventView.close();
        publisher.close();
    }
}
