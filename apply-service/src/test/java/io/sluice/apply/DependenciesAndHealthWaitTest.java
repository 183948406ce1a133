package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flux's dependsOn, wait, healthChecks and timeout, the dependencies of Argo CD Applications by
 * annotation, and the retry limit of an Argo CD retry policy, on the real API server.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class DependenciesAndHealthWaitTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @TestHTTPResource("/")
    URL root;

    @Test
    void aDependentIsAppliedOnlyOnceItsDependencyPassedItsHealthChecks() {
        String infraNs = ApplyFixture.newNamespace("infra");
        String appNs = ApplyFixture.newNamespace("dependent");
        // The health check names a ConfigMap no bundle holds: the dependency stays not Ready until it exists.
        ObjectRef infra = fixture.kustomization("infra", true, infraNs, Map.of("timeout", "5m",
                "healthChecks", List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap", "name", "ca-bundle",
                        "namespace", infraNs))));
        ObjectRef app = fixture.kustomization("app", true, appNs, Map.of("retryInterval", "5m",
                "dependsOn", List.of(Map.of("name", infra.name()))));
        fixture.bundle(app, revision("a001"), List.of(configMap("settings", null, Map.of("k", "v"))));

        fixture.awaitStatus(app, "waiting for a dependency that is not there yet",
                s -> ("dependency 'flux-system/" + infra.name() + "' is not ready").equals(s.message())
                        || ("dependency 'flux-system/" + infra.name() + "' not found").equals(s.message()));
        fixture.bundle(infra, revision("f001"), List.of(configMap("infra", null, Map.of("k", "v"))));

        AppStatus waiting = fixture.awaitStatus(infra, "waiting for its health check",
                s -> s.message().contains("waiting up to 5m for health checks: ConfigMap/" + infraNs
                        + "/ca-bundle Missing"));
        assertEquals(SyncCode.SYNCED, waiting.sync());
        assertEquals(HealthCode.MISSING, waiting.health());
        AppStatus held = fixture.awaitStatus(app, "held back",
                s -> ("dependency 'flux-system/" + infra.name() + "' is not ready").equals(s.message()));
        assertTrue(held.inventory().isEmpty(), "nothing applied while the dependency is not ready");
        assertEquals("", kubectl("get", "configmap", "settings", "-n", appNs, "--ignore-not-found", "-o", "name"));
        fixture.awaitEvent(app, "DependencyNotReady", e -> true);

        kubectl("create", "configmap", "ca-bundle", "-n", infraNs, "--from-literal=ca=pem");

        AppStatus ready = fixture.awaitStatus(infra, "Ready", s -> HealthCode.HEALTHY.equals(s.health()));
        assertEquals("Applied revision: " + revision("f001"), ready.message());
        // The dependent's retryInterval is 5m: it reacts to the dependency's status, not to a timer.
        AppStatus applied = fixture.awaitRevision(app, revision("a001"));
        assertEquals(SyncCode.SYNCED, applied.sync());
        assertEquals("v", kubectl("get", "configmap", "settings", "-n", appNs, "-o", "jsonpath={.data.k}"));
    }

    @Test
    void objectsNotHealthyWithinTheTimeoutFailTheReconcile() {
        String ns = ApplyFixture.newNamespace("timeout");
        // No kubelet runs pods here: the Deployment stays Progressing for ever.
        ObjectRef app = fixture.kustomization("slow", true, ns, Map.of("wait", true, "timeout", "2s",
                "retryInterval", "10m"));
        fixture.bundle(app, revision("b001"), List.of(ApplyFixture.deployment("web", 1, 600),
                configMap("settings", null, Map.of("k", "v"))));

        AppStatus failed = fixture.awaitStatus(app, "health check failed",
                s -> s.message().startsWith("health check failed after 2s: "));
        assertTrue(failed.message().startsWith("health check failed after 2s: Deployment/" + ns + "/web Progressing: "),
                failed.message());
        assertTrue(!failed.message().contains("ConfigMap"), "healthy objects are not named: " + failed.message());
        assertEquals(SyncCode.SYNCED, failed.sync());
        Event event = fixture.awaitEvent(app, "ReconciliationFailed", e -> true);
        assertEquals(failed.message(), event.message());
    }

    @Test
    void argoApplicationsWaitForTheApplicationsTheirAnnotationNamesAndACycleIsNamed() {
        String ns = ApplyFixture.newNamespace("argo-deps");
        ObjectRef first = argoApp("first", ns, "argocd/second-" + ns);
        ObjectRef second = fixture.document("apps/second.yaml", argoDoc("second-" + ns, ns, "argocd/" + first.name()));
        fixture.bundle(first, revision("c001"), List.of(configMap("first", null, Map.of("k", "v"))));
        fixture.bundle(second, revision("c001"), List.of(configMap("second", null, Map.of("k", "v"))));

        String cycle = "dependency cycle: argocd/" + first.name() + " -> argocd/" + second.name() + " -> argocd/"
                + first.name();
        fixture.awaitStatus(first, "a cycle", s -> cycle.equals(s.message()));
        fixture.awaitEvent(first, "DependencyCycle", e -> cycle.equals(e.message()));

        // Without the cycle, the second goes first, and the first follows it at once.
        fixture.document("apps/second.yaml", argoDoc(second.name(), ns, null));
        fixture.awaitRevision(second, revision("c001"));
        AppStatus applied = fixture.awaitRevision(first, revision("c001"));
        assertEquals(SyncCode.SYNCED, applied.sync());
    }

    @Test
    void argoRetriesStopAtTheLimitUntilNewInputs() {
        String ns = ApplyFixture.newNamespace("retry-limit");
        ApplyFixture.fillConfigMapQuota(ns);
        ObjectRef app = fixture.application("argoproj.io/v1alpha1", "Application", "argocd", "limited", Map.of(
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns),
                "syncPolicy", Map.of("automated", Map.of("prune", true),
                        "retry", Map.of("limit", 2, "backoff", Map.of("duration", "1s", "factor", 2,
                                "maxDuration", "3m")))));
        fixture.bundle(app, revision("d001"), List.of(configMap("settings", null, Map.of("k", "v"))));

        AppStatus gaveUp = fixture.awaitStatus(app, "retries given up",
                s -> s.message().startsWith("Retry limit reached after 2 retries"));
        assertTrue(gaveUp.message().contains("exceeded quota: one-configmap"), gaveUp.message());
        fixture.awaitEvent(app, "RetryLimitReached", e -> true);
        assertEquals(3.0, Meters.service(root, "sluice_apply_failures_total", app), "the first attempt and 2 retries");

        kubectl("delete", "quota", "one-configmap", "-n", ns);
        fixture.bundle(app, revision("d002"), List.of(configMap("settings", null, Map.of("k", "v2"))));

        fixture.awaitRevision(app, revision("d002"));
        assertEquals("v2", kubectl("get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.k}"));
    }

    private ObjectRef argoApp(String prefix, String ns, String dependsOn) {
        return fixture.document("apps/" + prefix + ".yaml", argoDoc(prefix + "-" + ns, ns, dependsOn));
    }

    private static Map<String, Object> argoDoc(String name, String ns, String dependsOn) {
        Map<String, Object> metadata = dependsOn == null ? Map.of("name", name, "namespace", "argocd")
                : Map.of("name", name, "namespace", "argocd", "annotations", Map.of("sluice.io/depends-on", dependsOn));
        Map<String, Object> spec = new LinkedHashMap<>(ApplyFixture.required("Application"));
        spec.put("destination", Map.of("server", "https://kubernetes.default.svc", "namespace", ns));
        spec.put("syncPolicy", Map.of("automated", Map.of("prune", true)));
        return Map.of("apiVersion", "argoproj.io/v1alpha1", "kind", "Application", "metadata", metadata, "spec", spec);
    }

    private static String kubectl(String... args) {
        return ClusterProvider.shared().kubectl(args);
    }
}
