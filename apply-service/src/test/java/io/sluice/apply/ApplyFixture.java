package io.sluice.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sluice.api.ObjectRef;
import io.sluice.events.AppStatus;
import io.sluice.events.ApplyCommand;
import io.sluice.events.CommitTrace;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.events.RenderedBundle;
import io.sluice.events.Topics;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * What the tests do as the other stages would: publish Kustomizations and rendered bundles, and
 * watch the statuses and events the apply-service publishes. One per test JVM.
 */
final class ApplyFixture {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A ConfigMap "settings", for tests where any object will do. */
    static final Map<String, Object> SETTINGS = configMap("settings", null, Map.of("k", "v"));
    private static ApplyFixture shared;

    private final Publisher publisher;
    private final TopicView<AppStatus> statuses;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    private ApplyFixture(String bootstrap) {
        publisher = new Publisher(bootstrap);
        statuses = new TopicView<>(bootstrap, Topics.APPLY_STATUS, AppStatus.class, (k, v) -> {
        }).start();
        new TopicView<>(bootstrap, Topics.EVENTS, Event.class, (k, event) -> {
            if (event != null) {
                events.add(event);
            }
        }).start();
    }

    static synchronized ApplyFixture shared() {
        if (shared == null) {
            shared = new ApplyFixture(KafkaBroker.shared().bootstrapServers());
        }
        return shared;
    }

    /** A fresh namespace in the test cluster. */
    static String newNamespace(String prefix) {
        return ClusterProvider.shared().newNamespace(prefix);
    }

    /** Publishes a Kustomization in flux-system with a unique name; returns its ref (whose id is the app id). */
    ObjectRef kustomization(String prefix, boolean prune, String targetNamespace) {
        return kustomization(prefix, prune, targetNamespace, Map.of());
    }

    /** The same, with {@code moreSpec} (e.g. interval, retryInterval) added to or overriding the spec. */
    ObjectRef kustomization(String prefix, boolean prune, String targetNamespace, Map<String, Object> moreSpec) {
        return kustomization(kustomizationRef(prefix), prune, targetNamespace, moreSpec);
    }

    /** A Kustomization in flux-system with a unique name, not published yet. */
    static ObjectRef kustomizationRef(String prefix) {
        return new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system",
                prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Publishes the Kustomization {@code ref}; returns it. */
    ObjectRef kustomization(ObjectRef ref, boolean prune, String targetNamespace, Map<String, Object> moreSpec) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", "5m");
        spec.put("path", "./apps");
        spec.put("prune", prune);
        spec.put("sourceRef", Map.of("kind", "GitRepository", "name", "demo"));
        spec.put("targetNamespace", targetNamespace);
        spec.putAll(moreSpec);
        Map<String, Object> doc = Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(),
                "metadata", Map.of("name", ref.name(), "namespace", ref.namespace()), "spec", spec);
        publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "clusters/test/" + ref.name() + ".yaml", doc));
        return ref;
    }

    /**
     * Publishes an application of any kind (a HelmRelease, an Argo CD Application) with a unique
     * name and {@code spec}; returns its ref (whose id is the app id).
     */
    ObjectRef application(String apiVersion, String kind, String namespace, String prefix, Map<String, Object> spec) {
        return application(apiVersion, kind, namespace, prefix, spec, Map.of());
    }

    /** The same, with {@code moreMetadata} (e.g. finalizers) added to its metadata. */
    ObjectRef application(String apiVersion, String kind, String namespace, String prefix, Map<String, Object> spec,
            Map<String, Object> moreMetadata) {
        ObjectRef ref = new ObjectRef(apiVersion, kind, namespace, prefix + "-" + UUID.randomUUID().toString()
                .substring(0, 8));
        update(ref, spec, moreMetadata);
        return ref;
    }

    /**
     * Publishes a new version of the application {@code ref}, as a commit changing its file would;
     * the fields its kind requires that {@code spec} leaves out are filled in ({@link #required}).
     */
    void update(ObjectRef ref, Map<String, Object> spec, Map<String, Object> moreMetadata) {
        Map<String, Object> metadata = new LinkedHashMap<>(moreMetadata);
        metadata.put("name", ref.name());
        metadata.put("namespace", ref.namespace());
        Map<String, Object> complete = new LinkedHashMap<>(required(ref.kind()));
        complete.putAll(spec);
        Map<String, Object> doc = Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(), "metadata", metadata,
                "spec", complete);
        publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, "apps/" + ref.name() + ".yaml", doc));
    }

    /**
     * The fields a valid document of {@code kind} must have, which these tests do not look at: the
     * source of an Argo CD Application (and its project), the chart and interval of a HelmRelease.
     */
    static Map<String, Object> required(String kind) {
        return switch (kind) {
            case "Application" -> Map.of("project", "default", "source", Map.of("repoURL",
                    "https://github.com/example/apps.git", "path", "demo"));
            case "HelmRelease" -> Map.of("interval", "5m", "chart", Map.of("spec", Map.of("chart", "podinfo",
                    "sourceRef", Map.of("kind", "HelmRepository", "name", "podinfo"))));
            default -> Map.of();
        };
    }

    /** Publishes a document as written (e.g. read from a YAML file), from {@code origin}; returns its ref. */
    ObjectRef document(String origin, Map<String, Object> doc) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) doc.get("metadata");
        ObjectRef ref = new ObjectRef((String) doc.get("apiVersion"), (String) doc.get("kind"),
                (String) metadata.get("namespace"), (String) metadata.get("name"));
        publisher.send(Topics.CONFIG, ref.id(), ConfigDocument.of(ref, origin, doc));
        return ref;
    }

    /** Sends a user's command (suspend, resume, sync) about {@code app}, as the CLI does. */
    void command(ObjectRef app, String action, Map<String, String> options) {
        publisher.send(Topics.APPLY_COMMANDS, app.id(), ApplyCommand.of(app.id(), action, options, "test-user",
                Instant.now()));
    }

    /** Suspends {@code app} by command and waits until its status says so. */
    void suspend(ObjectRef app) {
        command(app, "suspend", Map.of());
        awaitStatus(app, "suspended", s -> s.message().startsWith("Suspended by command"));
    }

    /** Every event seen so far about {@code app}. */
    List<Event> events(ObjectRef app) {
        return events.stream().filter(e -> app.equals(e.involvedObject())).toList();
    }

    /** Publishes a good bundle of {@code objects} at {@code revision}. */
    void bundle(ObjectRef app, String revision, List<Map<String, Object>> objects) {
        bundle(app, revision, objects, null);
    }

    /** The same, carrying the way of its commit so far, as render-service publishes it. */
    void bundle(ObjectRef app, String revision, List<Map<String, Object>> objects, CommitTrace trace) {
        publisher.send(Topics.MANIFESTS_RENDERED, app.id(), RenderedBundle.ok(app.id(),
                "source.toolkit.fluxcd.io/GitRepository/flux-system/demo", revision, digest(objects), objects,
                Instant.now()).withTrace(trace));
    }

    /** Publishes {@code value} as a command record about {@code app} as it is, valid or not. */
    void rawCommand(ObjectRef app, String value) {
        publisher.sendRaw(Topics.APPLY_COMMANDS, app.id(), value);
    }

    void failedBundle(ObjectRef app, String revision, String error) {
        publisher.send(Topics.MANIFESTS_RENDERED, app.id(), RenderedBundle.failed(app.id(),
                "source.toolkit.fluxcd.io/GitRepository/flux-system/demo", revision, List.of(error), Instant.now()));
    }

    /** Deletes the Kustomization, as the source-service does when its file is removed from Git. */
    void deleteKustomization(ObjectRef app) {
        publisher.tombstone(Topics.CONFIG, app.id());
    }

    void awaitNoStatus(ObjectRef app) {
        Deadline.until(app.name() + " status to be deleted", TIMEOUT, () -> statuses.get(app.id()) == null);
    }

    /** The app's status as last published; null when there is none. */
    AppStatus status(ObjectRef app) {
        return statuses.get(app.id());
    }

    /** Waits until the app's status reports {@code revision} as applied, and returns it. */
    AppStatus awaitRevision(ObjectRef app, String revision) {
        return awaitStatus(app, "at " + revision, s -> revision.equals(s.revision()));
    }

    /** Publishes a Kustomization and a first bundle, and waits until that bundle is applied. */
    ObjectRef appliedApp(String prefix, boolean prune, String namespace, String revision,
            List<Map<String, Object>> objects) {
        ObjectRef app = kustomization(prefix, prune, namespace);
        bundle(app, revision, objects);
        awaitRevision(app, revision);
        return app;
    }

    /** Waits for the app's status to match {@code condition}, and returns it. */
    AppStatus awaitStatus(ObjectRef app, String what, Predicate<AppStatus> condition) {
        return Deadline.await(app.name() + " status: " + what, TIMEOUT, () -> {
            AppStatus status = statuses.get(app.id());
            return status != null && condition.test(status) ? status : null;
        }, () -> Json.write(statuses.get(app.id())));
    }

    /** Waits for an event about {@code app} with {@code reason}, and returns it. */
    Event awaitEvent(ObjectRef app, String reason, Predicate<Event> condition) {
        return Deadline.await("event " + reason + " about " + app.name(), TIMEOUT,
                () -> events.stream().filter(e -> app.equals(e.involvedObject()) && reason.equals(e.reason())
                        && condition.test(e)).findFirst().orElse(null),
                () -> events.stream().filter(e -> app.equals(e.involvedObject())).toList().toString());
    }

    /**
     * Limits {@code ns} to the one ConfigMap it already holds (kube-root-ca.crt): a ConfigMap
     * applied there is refused until the quota "one-configmap" is deleted.
     */
    static void fillConfigMapQuota(String ns) {
        var cluster = ClusterProvider.shared();
        cluster.kubectl("create", "quota", "one-configmap", "-n", ns, "--hard=count/configmaps=1");
        Deadline.until("the quota to be in force", TIMEOUT, () -> !cluster.kubectl("get", "quota",
                "one-configmap", "-n", ns, "-o", "jsonpath={.status.hard}").isBlank());
    }

    static String revision(String sha) {
        return "main@sha1:" + sha;
    }

    static Map<String, Object> configMap(String name, String namespace, Map<String, String> data) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", metadata, "data", data);
    }

    static Map<String, Object> deployment(String name, int replicas, int progressDeadlineSeconds) {
        return deployment(name, replicas, progressDeadlineSeconds, "nginx:1.27");
    }

    /** The same, its one container "web" running {@code image}. */
    static Map<String, Object> deployment(String name, int replicas, int progressDeadlineSeconds, String image) {
        Map<String, Object> labels = Map.of("app", name);
        return Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", name),
                "spec", Map.of(
                        "replicas", replicas,
                        "progressDeadlineSeconds", progressDeadlineSeconds,
                        "selector", Map.of("matchLabels", labels),
                        "template", Map.of(
                                "metadata", Map.of("labels", labels),
                                "spec", Map.of("containers", List.of(Map.of("name", "web", "image", image))))));
    }

    /** The ConfigMap {@code name} of {@code namespace} as the cluster holds it now; null when there is none. */
    static ConfigMap configMapIn(KubernetesClient cluster, String namespace, String name) {
        return cluster.configMaps().inNamespace(namespace).withName(name).get();
    }

    /** {@code object} with {@code annotations} added to its metadata (e.g. a sync wave, a hook). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> annotated(Map<String, Object> object, Map<String, String> annotations) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) object.get("metadata"));
        metadata.put("annotations", annotations);
        copy.put("metadata", metadata);
        return copy;
    }

    /** Publishes an automated Argo CD Application into {@code namespace} with {@code syncPolicy} (automated is merged in). */
    ObjectRef argoApplication(String prefix, String namespace, Map<String, Object> automated, List<String> syncOptions) {
        return application("argoproj.io/v1alpha1", "Application", "argocd", prefix, Map.of(
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", namespace),
                "syncPolicy", Map.of("automated", automated, "syncOptions", syncOptions)));
    }

    /** A Secret given as stringData, as people write it in Git. */
    static Map<String, Object> secret(String name, Map<String, String> stringData) {
        return Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", name),
                "type", "Opaque", "stringData", stringData);
    }

    /** A ClusterIP Service in front of the pods labelled app={@code name}. */
    static Map<String, Object> service(String name) {
        return Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", name),
                "spec", Map.of("selector", Map.of("app", name),
                        "ports", List.of(Map.of("name", "http", "port", 80, "targetPort", 8080))));
    }

    static List<String> ids(List<ObjectRef> refs) {
        List<String> ids = new ArrayList<>();
        refs.forEach(ref -> ids.add(ref.id()));
        return ids;
    }

    private static String digest(List<Map<String, Object>> objects) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(objects).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
