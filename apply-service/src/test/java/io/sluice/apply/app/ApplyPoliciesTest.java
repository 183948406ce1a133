package io.sluice.apply.app;

import static io.sluice.apply.app.ApplicationDocuments.application;
import static io.sluice.apply.app.ApplicationDocuments.helmRelease;
import static io.sluice.apply.app.ApplicationDocuments.kustomization;
import static io.sluice.apply.app.ApplicationDocuments.read;
import static io.sluice.apply.app.ApplicationDocuments.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.api.argo.ArgoAnnotations;
import io.sluice.api.argo.Destination;
import io.sluice.apply.sync.AppSyncRules;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each kind of application reads into its {@link ApplyPolicy}, with the defaults of its upstream. */
class ApplyPoliciesTest {

    @Test
    void kustomizationOverridesNamespacesAndAlwaysSelfHeals() {
        ApplyPolicy policy = read(kustomization("flux-system", Map.of("interval", "1m", "targetNamespace", "web")));
        assertTrue(policy.namespace().overrides() && policy.namespace().create());
        assertEquals("web", policy.targetNamespace());
        assertTrue(policy.prune() && policy.selfHeal() && policy.automated());
        assertEquals(Duration.ofMinutes(1), policy.interval());
        assertEquals(Duration.ofMinutes(1), policy.retryInterval(), "Flux's retryInterval defaults to the interval");
        assertEquals(DeletionPropagation.BACKGROUND, policy.propagation());
    }

    @Test
    void fluxKindsRequireAnIntervalAndTimeOutAsFluxDoes() {
        Map<String, Object> noInterval = new HashMap<>();
        noInterval.put("interval", null);
        assertEquals("apps/demo.yaml: Kustomization flux-system/demo: spec.interval is required",
                refusal(kustomization("flux-system", noInterval)));
        assertTrue(refusal(helmRelease("apps", noInterval)).endsWith("spec.interval is required"));

        // Flux's GetTimeout: the interval less 30s, and at least 30s.
        assertEquals(Duration.ofSeconds(270), read(kustomization("flux-system", Map.of("interval", "5m")))
                .readiness().timeout());
        assertEquals(Duration.ofSeconds(30), read(kustomization("flux-system", Map.of("interval", "40s")))
                .readiness().timeout());
    }

    @Test
    void helmReleaseDefaultsToItsNamespaceAndCreatesItOnlyWhenAsked() {
        ApplyPolicy plain = read(helmRelease("apps", Map.of()));
        assertEquals("apps", plain.targetNamespace());
        assertEquals("metadata.namespace", plain.namespace().field());
        assertFalse(plain.namespace().create() || plain.namespace().overrides());
        assertTrue(plain.prune());
        assertFalse(plain.selfHeal());

        ApplyPolicy created = read(helmRelease("apps", Map.of("targetNamespace", "podinfo",
                "install", Map.of("createNamespace", true), "driftDetection", Map.of("mode", "enabled"))));
        assertEquals("podinfo", created.targetNamespace());
        assertEquals("spec.targetNamespace", created.namespace().field());
        assertTrue(created.namespace().create() && created.selfHeal());
    }

    @Test
    void argoApplicationReadsSyncPolicy() {
        ApplyPolicy policy = read(application("argocd", Map.of(), Map.of(
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "guestbook"),
                "syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true),
                        "syncOptions", List.of("CreateNamespace=true", "PruneLast=true",
                                "PrunePropagationPolicy=orphan"),
                        "managedNamespaceMetadata", Map.of("labels", Map.of("team", "web")),
                        "retry", Map.of("backoff", Map.of("duration", "5s"))))));
        assertTrue(policy.automated() && policy.prune() && policy.selfHeal());
        assertTrue(policy.namespace().create());
        assertEquals(Map.of("team", "web"), policy.namespace().labels());
        assertEquals(DeletionPropagation.ORPHAN, policy.propagation());
        assertEquals(Duration.ofMinutes(3), policy.interval());
        assertEquals(Duration.ofSeconds(5), policy.retryInterval());

        ApplyPolicy manual = read(application("argocd", Map.of(), Map.of("destination", Map.of("name", "in-cluster"))));
        assertFalse(manual.automated() || manual.prune() || manual.selfHeal());
        assertNull(manual.namespace());
        assertEquals(DeletionPropagation.FOREGROUND, manual.propagation());

        ApplyPolicy disabled = read(application("argocd", Map.of(), Map.of("syncPolicy", Map.of("automated",
                Map.of("enabled", false, "prune", true, "selfHeal", true)))));
        assertFalse(disabled.automated() || disabled.prune() || disabled.selfHeal(),
                "automated with enabled: false is not automated, as in Argo CD");
    }

    @Test
    void syncRulesComeFromEachKindsOwnFields() {
        assertEquals(AppSyncRules.argo(false, false), read(application("argocd", Map.of(), Map.of())).sync());
        assertEquals(AppSyncRules.argo(true, false), read(application("argocd", Map.of(), Map.of("syncPolicy",
                Map.of("automated", Map.of("allowEmpty", true))))).sync());
        assertEquals(AppSyncRules.argo(false, true), read(application("argocd", Map.of(), Map.of("syncPolicy",
                Map.of("syncOptions", List.of("Replace=false", "Force=true", "PruneLast=true",
                        "ServerSideApply=true"))))).sync());
        assertEquals(AppSyncRules.argo(false, true), read(application("argocd", Map.of(), Map.of("syncPolicy",
                Map.of("syncOptions", List.of("Replace=true"))))).sync());

        assertEquals(AppSyncRules.flux(true), read(kustomization("flux-system",
                Map.of("force", true))).sync());
        assertEquals(AppSyncRules.DEFAULTS, read(kustomization("flux-system", Map.of())).sync());
        assertEquals(AppSyncRules.flux(true), read(helmRelease("apps",
                Map.of("upgrade", Map.of("force", true)))).sync());
    }

    @Test
    void clusterTargetsNameTheirClusterAndTheFieldThatNamesIt() {
        ClusterTarget server = read(application("argocd", Map.of(), Map.of("destination",
                Map.of("server", "https://prod.example:6443")))).cluster();
        assertEquals(new ClusterTarget(new Destination("https://prod.example:6443", null, null), null), server);
        assertEquals("spec.destination.server", server.field());
        assertFalse(server.inCluster());
        assertTrue(read(application("argocd", Map.of(), Map.of("destination",
                Map.of("server", "https://kubernetes.default.svc/")))).cluster().inCluster());

        ClusterTarget kubeConfig = read(kustomization("flux-system", Map.of("kubeConfig",
                Map.of("secretRef", Map.of("name", "prod-kubeconfig"))))).cluster();
        assertEquals(new ClusterTarget.KubeConfigSecret("flux-system", "prod-kubeconfig", null), kubeConfig.kubeConfig());
        assertEquals("spec.kubeConfig.secretRef", kubeConfig.field());
        assertEquals("prod-kubeconfig", read(helmRelease("apps", Map.of("kubeConfig", Map.of("secretRef",
                Map.of("name", "prod-kubeconfig", "key", "value.yaml"))))).cluster().kubeConfig().name());
        assertTrue(read(kustomization("flux-system", Map.of())).cluster().inCluster());
    }

    @Test
    void anInvalidDocumentIsRefusedNamingTheFileTheObjectAndEachField() {
        assertTrue(refusal(application("argocd", Map.of(), Map.of("destination", Map.of(
                "server", "https://prod.example:6443", "name", "prod")))).startsWith("apps/demo.yaml: Application"
                + " argocd/demo: spec.destination names both server and name"));
        assertTrue(refusal(kustomization("flux-system", Map.of("kubeConfig", Map.of("secretRef",
                Map.of("key", "value"))))).contains("spec.kubeConfig.secretRef.name is required"));
        assertTrue(refusal(application("argocd", Map.of(), Map.of("syncPolicy", Map.of("syncOptions",
                List.of("PrunePropagationPolicy=sideways"))))).contains("spec.syncPolicy.syncOptions[0] must be"
                + " PrunePropagationPolicy=foreground, background or orphan, not 'PrunePropagationPolicy=sideways'"));
        assertTrue(refusal(application("argocd", Map.of(), Map.of("syncPolicy", Map.of("syncOptions",
                List.of("createnamespace=true"))))).contains("must be CreateNamespace=true or false, not"
                + " 'createnamespace=true'"), "sync options are spelled exactly, as in Argo CD");
    }

    @Test
    void argoIgnoreDifferencesAreReadAndAJqMistakeNamesTheFileAndField() {
        ApplyPolicy policy = read(application("argocd", Map.of(), Map.of(
                "syncPolicy", Map.of("syncOptions", List.of("RespectIgnoreDifferences=true", "ApplyOutOfSyncOnly=true")),
                "ignoreDifferences", List.of(Map.of("group", "apps", "kind", "Deployment",
                        "jsonPointers", List.of("/spec/replicas"))))));
        assertTrue(policy.diff().respectIgnoreDifferences());
        assertEquals(List.of("/spec/replicas"), policy.diff().ignoreDifferences().get(0).jsonPointers());

        String error = refusal(application("argocd", Map.of(), Map.of("ignoreDifferences", List.of(
                Map.of("kind", "Deployment", "jqPathExpressions", List.of(".spec.replicas |"))))));
        assertTrue(error.startsWith("apps/demo.yaml: Application argocd/demo: spec.ignoreDifferences[0]"
                + ".jqPathExpressions[0] '.spec.replicas |' is not a jq path expression"), error);
    }

    @Test
    void argoApplicationsCascadeOnDeletionOnlyWithTheResourcesFinalizer() {
        assertEquals(DeletionPropagation.FOREGROUND, deletion(ArgoAnnotations.RESOURCES_FINALIZER).propagation());
        assertEquals(DeletionPropagation.BACKGROUND, deletion(ArgoAnnotations.RESOURCES_FINALIZER_BACKGROUND)
                .propagation());
        assertEquals(DeletionPropagation.FOREGROUND, deletion(ArgoAnnotations.RESOURCES_FINALIZER_FOREGROUND)
                .propagation());
        DeletionPolicy none = deletion("example.com/other");
        assertFalse(none.cascade());
        assertEquals("metadata.finalizers has no resources-finalizer.argocd.argoproj.io", none.why());
    }

    @Test
    void fluxKindsCascadeOnDeletionWithPruneUnlessSuspended() {
        ApplyPolicy pruning = read(kustomization("flux-system", Map.of()));
        assertEquals(DeletionPropagation.BACKGROUND, DeletionPolicy.whenDeleted(pruning, false).propagation());
        assertEquals("it was suspended", DeletionPolicy.whenDeleted(pruning, true).why());
        assertEquals("spec.prune is not true", DeletionPolicy.whenDeleted(read(kustomization("flux-system",
                Map.of("prune", false))), false).why());
        assertFalse(DeletionPolicy.whenDeleted(null, false).cascade(), "an unknown last document deletes nothing");
    }

    private static DeletionPolicy deletion(String finalizer) {
        return DeletionPolicy.whenDeleted(read(application("argocd", Map.of("finalizers", List.of(finalizer)),
                Map.of())), true);
    }
}
