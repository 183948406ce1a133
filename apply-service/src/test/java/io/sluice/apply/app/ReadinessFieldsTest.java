package io.sluice.apply.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How dependencies, waits, health checks and retry policies read from each kind of application. */
class ReadinessFieldsTest {
    private final AppSpecs specs = new AppSpecs(Duration.ofMinutes(10), Duration.ofMinutes(3));

    private static ConfigDocument doc(String apiVersion, String kind, Map<String, Object> metadata,
            Map<String, Object> spec) {
        ObjectRef ref = new ObjectRef(apiVersion, kind, "apps", "demo");
        return ConfigDocument.of(ref, "apps/demo.yaml", Map.of("apiVersion", apiVersion, "kind", kind,
                "metadata", metadata, "spec", spec));
    }

    @Test
    void kustomizationWaitsForItsDependenciesAndHealthChecksUntilItsTimeout() {
        Readiness readiness = specs.read(doc("kustomize.toolkit.fluxcd.io/v1", "Kustomization", Map.of(),
                Map.of("interval", "5m", "wait", true,
                        "dependsOn", List.of(Map.of("name", "infrastructure"), Map.of("name", "db", "namespace", "data")),
                        "healthChecks", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                                "name", "web-app", "namespace", "production"))))).readiness();
        assertEquals(List.of("kustomize.toolkit.fluxcd.io/Kustomization/apps/infrastructure",
                "kustomize.toolkit.fluxcd.io/Kustomization/data/db"),
                readiness.dependsOn().stream().map(ObjectRef::id).toList());
        assertEquals(List.of("apps/Deployment/production/web-app"),
                readiness.healthChecks().stream().map(ObjectRef::id).toList());
        assertTrue(readiness.waitAll());
        assertEquals(Duration.ofMinutes(5), readiness.timeout(), "Flux's timeout defaults to the interval");
        assertNull(readiness.retry());

        IllegalArgumentException nameless = assertThrows(IllegalArgumentException.class, () -> specs.read(doc(
                "kustomize.toolkit.fluxcd.io/v1", "Kustomization", Map.of(), Map.of("dependsOn",
                        List.of(Map.of("namespace", "x"))))));
        assertEquals("apps/demo.yaml: Kustomization/apps/demo: spec.dependsOn[0].name is required",
                nameless.getMessage());
    }

    @Test
    void helmReleaseWaitsAsHelmDoesUnlessTold() {
        Readiness waits = specs.read(doc("helm.toolkit.fluxcd.io/v2", "HelmRelease", Map.of(),
                Map.of("interval", "10m"))).readiness();
        assertTrue(waits.waitAll());
        assertEquals(Duration.ofMinutes(5), waits.timeout());
        assertFalse(specs.read(doc("helm.toolkit.fluxcd.io/v2", "HelmRelease", Map.of(), Map.of("interval", "10m",
                "install", Map.of("disableWait", true)))).readiness().waitAll());
    }

    @Test
    void argoApplicationNamesItsDependenciesByAnnotationAndRetriesAsItsPolicySays() {
        AppSpec spec = specs.read(doc("argoproj.io/v1alpha1", "Application",
                Map.of("annotations", Map.of(ReadinessFields.DEPENDS_ON, "argocd/infra, db")),
                Map.of("destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "production"),
                        "syncPolicy", Map.of("automated", Map.of(), "retry", Map.of("limit", 5,
                                "backoff", Map.of("duration", "5s", "factor", 2, "maxDuration", "3m"))))));
        assertEquals(List.of("argoproj.io/Application/argocd/infra", "argoproj.io/Application/apps/db"),
                spec.readiness().dependsOn().stream().map(ObjectRef::id).toList());
        assertEquals(new Readiness.RetryPolicy(5, 2, Duration.ofMinutes(3)), spec.readiness().retry());
        assertEquals(Duration.ofSeconds(5), spec.retryInterval());
        assertFalse(spec.readiness().waitsForHealth());

        AppSpec defaults = specs.read(doc("argoproj.io/v1alpha1", "Application", Map.of(),
                Map.of("syncPolicy", Map.of("retry", Map.of()))));
        assertEquals(new Readiness.RetryPolicy(0, 2, Duration.ofMinutes(3)), defaults.readiness().retry());
        assertEquals(Duration.ofSeconds(5), defaults.retryInterval(), "Argo CD's default backoff duration");

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> specs.read(doc(
                "argoproj.io/v1alpha1", "Application", Map.of("annotations", Map.of(ReadinessFields.DEPENDS_ON,
                        "a/b/c")), Map.of())));
        assertTrue(bad.getMessage().startsWith("apps/demo.yaml: Application/apps/demo: metadata.annotations."
                + ReadinessFields.DEPENDS_ON), bad.getMessage());
    }
}
