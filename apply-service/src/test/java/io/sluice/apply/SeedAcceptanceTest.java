package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed guide's Argo CD Application and Flux Kustomization, read verbatim from
 * src/test/resources/seed, with the objects their Git paths would render published as bundles.
 * Both deploy Deployment production/web-app, so they run one after the other.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedAcceptanceTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @TestHTTPResource("/")
    URL root;

    @Test
    @Order(1)
    void theSeedsArgoApplicationSyncsRetriesWithBackoffAndPrunes() {
        ObjectRef app = fixture.document("application-web-app.yaml", seed("application-web-app.yaml"));
        fixture.bundle(app, revision("abc1234"), List.of(service(), ApplyFixture.deployment("web-app", 3, 600)));

        AppStatus synced = fixture.awaitRevision(app, revision("abc1234"));
        assertEquals(SyncCode.SYNCED, synced.sync(), synced.message());
        assertEquals("Applied revision: " + revision("abc1234"), synced.message());
        // CreateNamespace=true: the destination namespace did not exist.
        assertEquals("production", kubectl("get", "namespace", "production", "-o", "jsonpath={.metadata.name}"));
        assertEquals("3", kubectl("get", "deployment", "web-app", "-n", "production", "-o", "jsonpath={.spec.replicas}"));
        assertNoComplaint(app);

        // retry: limit 5, backoff 5s × 2: a refused apply is tried again after 5 s, not before.
        double before = Meters.service(root, "sluice_apply_failures_total", app);
        fixture.bundle(app, revision("bad0001"), List.of(service(), ApplyFixture.deployment("web-app", 3, 600),
                configMap("Not_A_Name", null, Map.of("k", "v"))));
        Deadline.until("the first failure", ApplyFixture.TIMEOUT,
                () -> Meters.service(root, "sluice_apply_failures_total", app) >= before + 1);
        long failedAt = System.nanoTime();
        Deadline.until("the first retry", ApplyFixture.TIMEOUT,
                () -> Meters.service(root, "sluice_apply_failures_total", app) >= before + 2);
        long waitedMillis = (System.nanoTime() - failedAt) / 1_000_000;
        assertTrue(waitedMillis >= 4_000, "first retry after backoff.duration 5s, was after " + waitedMillis + " ms");
        assertTrue(fixture.awaitStatus(app, "apply failed", s -> true).message().startsWith(
                "apply failed for revision " + revision("bad0001")));

        // A new revision without the Service: applied, and the Service pruned (foreground, after the apply).
        fixture.bundle(app, revision("def5678"), List.of(ApplyFixture.deployment("web-app", 3, 600)));
        AppStatus pruned = fixture.awaitRevision(app, revision("def5678"));
        assertEquals(SyncCode.SYNCED, pruned.sync(), pruned.message());
        Deadline.until("Service web-svc to be pruned", ApplyFixture.TIMEOUT, () -> kubectl("get", "service",
                "web-svc", "-n", "production", "--ignore-not-found", "-o", "name").isBlank());
        assertNoComplaint(app);

        // Deleting the Application (its finalizer: resources-finalizer) deletes its objects, freeing web-app.
        fixture.deleteKustomization(app);
        fixture.awaitNoStatus(app);
        Deadline.until("Deployment web-app to be deleted", ApplyFixture.TIMEOUT, () -> kubectl("get", "deployment",
                "web-app", "-n", "production", "--ignore-not-found", "-o", "name").isBlank());
    }

    @Test
    @Order(2)
    void theSeedsKustomizationWaitsForInfrastructureThenForItsHealthChecks() {
        ObjectRef app = fixture.document("kustomization-web-app.yaml", seed("kustomization-web-app.yaml"));
        // What ./production/web-app renders once its patch set the replicas to 5; targetNamespace fills in production.
        fixture.bundle(app, revision("abc123"), List.of(service(), ApplyFixture.deployment("web-app", 5, 600)));

        fixture.awaitStatus(app, "held back", s -> "dependency 'flux-system/infrastructure' not found".equals(
                s.message()));
        String infraNs = ApplyFixture.newNamespace("infrastructure");
        ObjectRef infrastructure = fixture.document("infrastructure.yaml", seed("infrastructure.yaml"));
        fixture.bundle(infrastructure, revision("1f0a2b"), List.of(configMap("cluster-settings", infraNs,
                Map.of("region", "ap-northeast-1"))));
        fixture.awaitRevision(infrastructure, revision("1f0a2b"));

        // Once infrastructure is Ready, web-app is applied, and waits for its Deployment (no kubelet runs its pods).
        AppStatus waiting = fixture.awaitStatus(app, "waiting for health checks", s -> revision("abc123").equals(
                s.revision()) && s.message().contains("waiting up to 5m for health checks: "
                + "Deployment/production/web-app Progressing"));
        assertEquals(SyncCode.SYNCED, waiting.sync());
        assertEquals(HealthCode.PROGRESSING, waiting.health());
        assertTrue(waiting.message().startsWith("Applied revision: " + revision("abc123")), waiting.message());
        assertEquals("5", kubectl("get", "deployment", "web-app", "-n", "production", "-o",
                "jsonpath={.spec.replicas}"));

        makePodsReady("production", "app=web-app", 5);

        AppStatus ready = fixture.awaitStatus(app, "Ready", s -> HealthCode.HEALTHY.equals(s.health()));
        assertEquals("Applied revision: " + revision("abc123"), ready.message());
        assertNoComplaint(app);
    }

    /** Plays the kubelet: marks the pods Running and Ready, so their Deployment becomes available. */
    private static void makePodsReady(String ns, String selector, int count) {
        Deadline.until(count + " pods of " + selector, ApplyFixture.TIMEOUT, () -> kubectl("get", "pods", "-n", ns,
                "-l", selector, "-o", "name").lines().count() == count);
        for (String pod : kubectl("get", "pods", "-n", ns, "-l", selector, "-o", "name").lines().toList()) {
            kubectl("patch", pod, "-n", ns, "--subresource=status", "--type=merge", "-p",
                    "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        }
    }

    /** Nothing in the seed's documents is reported as unsupported or invalid (but the test's own bad revision). */
    private void assertNoComplaint(ObjectRef app) {
        fixture.events(app).stream().filter(e -> !revision("bad0001").equals(e.revision())).forEach(e -> {
            String text = (e.reason() + " " + e.message()).toLowerCase(Locale.ROOT);
            assertFalse(text.contains("unsupported") || text.contains("not supported") || text.contains("invalid"),
                    e.toString());
        });
    }

    private static Map<String, Object> service() {
        return Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "web-svc"),
                "spec", Map.of("selector", Map.of("app", "web-app"),
                        "ports", List.of(Map.of("name", "http", "port", 80, "targetPort", 8080))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> seed(String file) {
        try (InputStream in = SeedAcceptanceTest.class.getResourceAsStream("/seed/" + file)) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    private static String kubectl(String... args) {
        return ClusterProvider.shared().kubectl(args);
    }
}
