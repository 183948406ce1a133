package io.sluice.apply.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each kind of application document reads into an {@link AppSpec}. */
class AppSpecsTest {
    private final AppSpecs specs = new AppSpecs(Duration.ofMinutes(10), Duration.ofMinutes(3));

    private static ConfigDocument doc(String apiVersion, String kind, String namespace, Map<String, Object> spec) {
        ObjectRef ref = new ObjectRef(apiVersion, kind, namespace, "demo");
        return ConfigDocument.of(ref, "apps/demo.yaml", Map.of("apiVersion", apiVersion, "kind", kind,
                "metadata", Map.of("name", "demo", "namespace", namespace), "spec", spec));
    }

    @Test
    void kustomizationOverridesNamespacesAndAlwaysSelfHeals() {
        AppSpec spec = specs.read(doc("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system",
                Map.of("interval", "1m", "prune", true, "targetNamespace", "web")));
        assertTrue(spec.namespace().overrides() && spec.namespace().create());
        assertEquals("web", spec.targetNamespace());
        assertTrue(spec.prune() && spec.selfHeal() && spec.automated());
        assertEquals(Duration.ofMinutes(1), spec.interval());
        assertEquals(DeletionPropagation.BACKGROUND, spec.propagation());
    }

    @Test
    void helmReleaseDefaultsToItsNamespaceAndCreatesItOnlyWhenAsked() {
        AppSpec plain = specs.read(doc("helm.toolkit.fluxcd.io/v2", "HelmRelease", "apps", Map.of("interval", "5m")));
        assertEquals("apps", plain.targetNamespace());
        assertEquals("metadata.namespace", plain.namespace().field());
        assertFalse(plain.namespace().create() || plain.namespace().overrides());
        assertTrue(plain.prune());
        assertFalse(plain.selfHeal());

        AppSpec created = specs.read(doc("helm.toolkit.fluxcd.io/v2", "HelmRelease", "apps", Map.of("interval", "5m",
                "targetNamespace", "podinfo", "install", Map.of("createNamespace", true),
                "driftDetection", Map.of("mode", "enabled"))));
        assertEquals("podinfo", created.targetNamespace());
        assertTrue(created.namespace().create() && created.selfHeal());
    }

    @Test
    void argoApplicationReadsSyncPolicy() {
        AppSpec spec = specs.read(doc("argoproj.io/v1alpha1", "Application", "argocd", Map.of(
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "guestbook"),
                "syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true),
                        "syncOptions", List.of("CreateNamespace=true", "PruneLast=true",
                                "PrunePropagationPolicy=orphan"),
                        "managedNamespaceMetadata", Map.of("labels", Map.of("team", "web")),
                        "retry", Map.of("backoff", Map.of("duration", "5s"))))));
        assertTrue(spec.automated() && spec.prune() && spec.selfHeal());
        assertTrue(spec.namespace().create());
        assertEquals(Map.of("team", "web"), spec.namespace().labels());
        assertEquals(DeletionPropagation.ORPHAN, spec.propagation());
        assertEquals(Duration.ofMinutes(3), spec.interval());
        assertEquals(Duration.ofSeconds(5), spec.retryInterval());

        AppSpec manual = specs.read(doc("argoproj.io/v1alpha1", "Application", "argocd",
                Map.of("destination", Map.of("name", "in-cluster"))));
        assertFalse(manual.automated() || manual.prune() || manual.selfHeal());
        assertNull(manual.namespace());
        assertEquals(DeletionPropagation.FOREGROUND, manual.propagation());
    }

    @Test
    void destinationsNameTheirClusterAndTheFieldThatNamesIt() {
        Destination server = specs.read(doc("argoproj.io/v1alpha1", "Application", "argocd",
                Map.of("destination", Map.of("server", "https://prod.example:6443")))).destination();
        assertEquals(new Destination("https://prod.example:6443", null, null, "spec.destination.server"), server);
        assertFalse(server.inCluster());
        assertTrue(specs.read(doc("argoproj.io/v1alpha1", "Application", "argocd", Map.of("destination",
                Map.of("server", "https://kubernetes.default.svc/")))).destination().inCluster());

        Destination kubeConfig = specs.read(doc("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system",
                Map.of("kubeConfig", Map.of("secretRef", Map.of("name", "prod-kubeconfig"))))).destination();
        assertEquals(new Destination.KubeConfigSecret("flux-system", "prod-kubeconfig", null), kubeConfig.kubeConfig());
        assertEquals("spec.kubeConfig.secretRef", kubeConfig.field());
        assertEquals("prod-kubeconfig", specs.read(doc("helm.toolkit.fluxcd.io/v2", "HelmRelease", "apps",
                Map.of("kubeConfig", Map.of("secretRef", Map.of("name", "prod-kubeconfig", "key", "value.yaml")))))
                .destination().kubeConfig().name());
        assertTrue(specs.read(doc("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", Map.of()))
                .destination().inCluster());
    }

    @Test
    void invalidDestinationsAndPoliciesAreRefusedNamingTheField() {
        var both = assertThrows(IllegalArgumentException.class, () -> specs.read(doc("argoproj.io/v1alpha1",
                "Application", "argocd", Map.of("destination", Map.of("server", "https://prod.example:6443",
                        "name", "prod")))));
        assertTrue(both.getMessage().startsWith("apps/demo.yaml: Application/argocd/demo: spec.destination names"
                + " both server and name"), both.getMessage());
        var noName = assertThrows(IllegalArgumentException.class, () -> specs.read(doc(
                "kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system",
                Map.of("kubeConfig", Map.of("secretRef", Map.of("key", "value"))))));
        assertTrue(noName.getMessage().contains("spec.kubeConfig.secretRef.name is required"), noName.getMessage());
        var policy = assertThrows(IllegalArgumentException.class, () -> specs.read(doc("argoproj.io/v1alpha1",
                "Application", "argocd", Map.of("syncPolicy", Map.of("syncOptions",
                        List.of("PrunePropagationPolicy=sideways"))))));
        assertTrue(policy.getMessage().contains("spec.syncPolicy.syncOptions"), policy.getMessage());
    }

    @Test
    void argoIgnoreDifferencesAreReadAndAMistakeNamesTheFileAndField() {
        AppSpec spec = specs.read(doc("argoproj.io/v1alpha1", "Application", "argocd", Map.of(
                "syncPolicy", Map.of("syncOptions", List.of("RespectIgnoreDifferences=true", "ApplyOutOfSyncOnly=true")),
                "ignoreDifferences", List.of(Map.of("group", "apps", "kind", "Deployment",
                        "jsonPointers", List.of("/spec/replicas"))))));
        assertTrue(spec.diff().respectIgnoreDifferences());
        assertEquals(List.of("/spec/replicas"), spec.diff().ignoreDifferences().get(0).jsonPointers());

        var error = assertThrows(IllegalArgumentException.class, () -> specs.read(doc("argoproj.io/v1alpha1",
                "Application", "argocd", Map.of("ignoreDifferences", List.of(Map.of("kind", "Deployment",
                        "jqPathExpressions", List.of(".spec.replicas |"))))))).getMessage();
        assertTrue(error.startsWith("apps/demo.yaml: ") && error.contains(
                "spec.ignoreDifferences[0].jqPathExpressions[0] '.spec.replicas |' is not a jq path expression"), error);
    }

    @Test
    void argoApplicationsCascadeOnDeletionOnlyWithTheResourcesFinalizer() {
        assertEquals(DeletionPropagation.FOREGROUND, deletion(List.of(DeletionPolicy.RESOURCES_FINALIZER))
                .propagation());
        assertEquals(DeletionPropagation.BACKGROUND, deletion(List.of(DeletionPolicy.RESOURCES_FINALIZER
                + "/background")).propagation());
        assertEquals(DeletionPropagation.FOREGROUND, deletion(List.of(DeletionPolicy.RESOURCES_FINALIZER
                + "/foreground")).propagation());
        DeletionPolicy none = deletion(List.of("example.com/other"));
        assertFalse(none.cascade());
        assertEquals("metadata.finalizers has no resources-finalizer.argocd.argoproj.io", none.why());
    }

    private DeletionPolicy deletion(List<String> finalizers) {
        ObjectRef ref = new ObjectRef("argoproj.io/v1alpha1", "Application", "argocd", "demo");
        ConfigDocument doc = ConfigDocument.of(ref, "apps/demo.yaml", Map.of("apiVersion", ref.apiVersion(),
                "kind", ref.kind(), "metadata", Map.of("name", "demo", "namespace", "argocd", "finalizers", finalizers),
                "spec", Map.of()));
        return DeletionPolicy.of(doc, specs.read(doc), false);
    }
}
