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

import io.sluice.api.ObjectRef;
import io.sluice.api.argo.ArgoAnnotations;
import io.sluice.api.argo.SyncPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How dependencies, waits, health checks and retry policies read from each kind of application. */
class ReadinessTest {

    @Test
    void kustomizationWaitsForItsDependenciesAndHealthChecksUntilItsTimeout() {
        Readiness readiness = read(kustomization("apps", Map.of("wait", true, "timeout", "2m",
                "dependsOn", List.of(Map.of("name", "infrastructure"), Map.of("name", "db", "namespace", "data")),
                "healthChecks", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                        "name", "web-app", "namespace", "production"))))).readiness();
        assertEquals(List.of("kustomize.toolkit.fluxcd.io/Kustomization/apps/infrastructure",
                "kustomize.toolkit.fluxcd.io/Kustomization/data/db"),
                readiness.dependsOn().stream().map(ObjectRef::id).toList());
        assertEquals(List.of("apps/Deployment/production/web-app"),
                readiness.healthChecks().stream().map(ObjectRef::id).toList());
        assertTrue(readiness.waitAll());
        assertEquals(Duration.ofMinutes(2), readiness.timeout());
        assertNull(readiness.retry());

        assertEquals("apps/demo.yaml: Kustomization apps/demo: spec.dependsOn[0].name is required",
                refusal(kustomization("apps", Map.of("dependsOn", List.of(Map.of("namespace", "x"))))));
    }

    @Test
    void helmReleaseWaitsAsHelmDoesUnlessTold() {
        Readiness waits = read(helmRelease("apps", Map.of("interval", "10m"))).readiness();
        assertTrue(waits.waitAll());
        assertEquals(Duration.ofMinutes(5), waits.timeout());
        assertFalse(read(helmRelease("apps", Map.of("install", Map.of("disableWait", true)))).readiness().waitAll());
    }

    @Test
    void argoApplicationNamesItsDependenciesByAnnotationAndRetriesAsItsPolicySays() {
        ApplyPolicy policy = read(application("apps", Map.of("annotations", Map.of(ArgoAnnotations.DEPENDS_ON,
                "argocd/infra, db")), Map.of(
                        "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "production"),
                        "syncPolicy", Map.of("automated", Map.of(), "retry", Map.of("limit", 5,
                                "backoff", Map.of("duration", "5s", "factor", 2, "maxDuration", "3m"))))));
        assertEquals(List.of("argoproj.io/Application/argocd/infra", "argoproj.io/Application/apps/db"),
                policy.readiness().dependsOn().stream().map(ObjectRef::id).toList());
        assertEquals(new SyncPolicy.Retry(5, Duration.ofSeconds(5), 2, Duration.ofMinutes(3), false),
                policy.readiness().retry());
        assertEquals(Duration.ofSeconds(5), policy.retryInterval());
        assertFalse(policy.readiness().waitsForHealth());

        ApplyPolicy defaults = read(application("apps", Map.of(), Map.of("syncPolicy", Map.of("retry", Map.of()))));
        assertEquals(new SyncPolicy.Retry(0, Duration.ofSeconds(5), 2, Duration.ofMinutes(3), false),
                defaults.readiness().retry());
        assertEquals(Duration.ofSeconds(5), defaults.retryInterval(), "Argo CD's default backoff duration");

        assertTrue(refusal(application("apps", Map.of("annotations", Map.of(ArgoAnnotations.DEPENDS_ON, "a/b/c")),
                Map.of())).startsWith("apps/demo.yaml: Application apps/demo: metadata.annotations."
                        + ArgoAnnotations.DEPENDS_ON));
    }
}
