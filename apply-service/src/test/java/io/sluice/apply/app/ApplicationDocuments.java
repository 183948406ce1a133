package io.sluice.apply.app;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigDocument;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Application documents as source-service publishes them, each with the fields its kind requires
 * (a source, an interval, prune, a project...) and the fields a test sets on top; read into
 * {@link ApplyPolicy}s with an Argo CD interval of 3m.
 */
final class ApplicationDocuments {
    static final String FILE = "apps/demo.yaml";
    static final String KUSTOMIZATION = "kustomize.toolkit.fluxcd.io/v1";
    static final String HELM_RELEASE = "helm.toolkit.fluxcd.io/v2";
    static final String APPLICATION = "argoproj.io/v1alpha1";
    static final ApplyPolicies POLICIES = new ApplyPolicies(Duration.ofMinutes(3));

    /** A Kustomization "demo" of {@code namespace}: interval 5m, prune true, a GitRepository source, and {@code spec}. */
    static ConfigDocument kustomization(String namespace, Map<String, Object> spec) {
        return doc(KUSTOMIZATION, "Kustomization", namespace, Map.of(), merged(Map.of("interval", "5m", "prune", true,
                "sourceRef", Map.of("kind", "GitRepository", "name", "demo")), spec));
    }

    /** A HelmRelease "demo" of {@code namespace}: interval 5m, a chart of a HelmRepository, and {@code spec}. */
    static ConfigDocument helmRelease(String namespace, Map<String, Object> spec) {
        return doc(HELM_RELEASE, "HelmRelease", namespace, Map.of(), merged(Map.of("interval", "5m",
                "chart", Map.of("spec", Map.of("chart", "podinfo", "sourceRef", Map.of("kind", "HelmRepository",
                        "name", "podinfo")))), spec));
    }

    /**
     * An Argo CD Application "demo" of {@code namespace}: project default, a Git source, the cluster
     * Sluice runs in as destination, and {@code spec} and {@code metadata} on top.
     */
    static ConfigDocument application(String namespace, Map<String, Object> metadata, Map<String, Object> spec) {
        return doc(APPLICATION, "Application", namespace, metadata, merged(Map.of("project", "default",
                "source", Map.of("repoURL", "https://github.com/example/apps.git", "path", "demo"),
                "destination", Map.of("server", "https://kubernetes.default.svc")), spec));
    }

    static ApplyPolicy read(ConfigDocument doc) {
        return POLICIES.read(doc);
    }

    /** The message of the refusal to read {@code doc}. */
    static String refusal(ConfigDocument doc) {
        return assertThrows(IllegalArgumentException.class, () -> POLICIES.read(doc)).getMessage();
    }

    private static ConfigDocument doc(String apiVersion, String kind, String namespace, Map<String, Object> metadata,
            Map<String, Object> spec) {
        ObjectRef ref = new ObjectRef(apiVersion, kind, namespace, "demo");
        Map<String, Object> meta = merged(Map.of("name", "demo", "namespace", namespace), metadata);
        return ConfigDocument.of(ref, FILE, Map.of("apiVersion", apiVersion, "kind", kind, "metadata", meta,
                "spec", spec));
    }

    private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        merged.putAll(more);
        return merged;
    }

    private ApplicationDocuments() {
    }
}
