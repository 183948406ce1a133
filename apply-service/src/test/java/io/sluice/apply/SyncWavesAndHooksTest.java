package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.annotated;
import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.deployment;
import static io.sluice.apply.ApplyFixture.ids;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Argo CD's sync phases, waves and hooks, observed through the API server's own watch: hooks run
 * once per sync operation in their phase and are never pruned; a wave waits for the one before to
 * be healthy, and a wave that never gets healthy fails the sync naming the object and runs the
 * SyncFail hooks.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class SyncWavesAndHooksTest {
    private static final String HOOK = "argocd.argoproj.io/hook";
    private static final String WAVE = "argocd.argoproj.io/sync-wave";
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @TestHTTPResource("/")
    URL root;

    private ConfigMap configMapIn(String namespace, String name) {
        return ApplyFixture.configMapIn(cluster, namespace, name);
    }

    private static List<Map<String, Object>> bundle(String appValue) {
        return List.of(
                annotated(configMap("notify", null, Map.of("k", "post")),
                        Map.of(HOOK, "PostSync", "argocd.argoproj.io/hook-delete-policy", "HookSucceeded")),
                configMap("app", null, Map.of("k", appValue)),
                annotated(configMap("migrate", null, Map.of("k", "pre")), Map.of(HOOK, "PreSync")),
                annotated(configMap("skipped", null, Map.of("k", "never")), Map.of(HOOK, "Skip")));
    }

    @Test
    void hooksRunInTheirPhaseOncePerSyncAndAreNeverPruned() {
        String ns = ApplyFixture.newNamespace("hooks");
        ObjectRef app = fixture.kustomization("hooks", true, ns, Map.of("interval", "1s"));
        try (WatchedConfigMaps watched = new WatchedConfigMaps(cluster, ns)) {
            fixture.bundle(app, revision("9801"), bundle("1"));
            AppStatus status = fixture.awaitRevision(app, revision("9801"));
            assertEquals(SyncCode.SYNCED, status.sync(), status.message());
            assertEquals(List.of("/ConfigMap/" + ns + "/app"), ids(status.inventory()), "hooks are no inventory");
            Deadline.until("the PostSync hook to be deleted as it succeeded", ApplyFixture.TIMEOUT,
                    () -> watched.first("DELETED", "notify") >= 0);
            assertTrue(watched.first("ADDED", "migrate") < watched.first("ADDED", "app")
                    && watched.first("ADDED", "app") < watched.first("ADDED", "notify"), watched.changes().toString());
            assertNull(configMapIn(ns, "skipped"), "a Skip hook is never applied");
            String migrateUid = configMapIn(ns, "migrate").getMetadata().getUid();

            double reconciles = Meters.service(root, "sluice_apply_duration_seconds_count", app);
            Deadline.until("three more reconciles on the 1s interval", ApplyFixture.TIMEOUT,
                    () -> Meters.service(root, "sluice_apply_duration_seconds_count", app) >= reconciles + 3);
            assertEquals(migrateUid, configMapIn(ns, "migrate").getMetadata().getUid(), "no hook on a no-op reconcile");
            assertEquals(1, watched.changes().stream().filter(c -> c.toString().equals("ADDED notify")).count());

            fixture.bundle(app, revision("9802"), bundle("2"));
            fixture.awaitRevision(app, revision("9802"));
            Deadline.until("the PostSync hook to run again", ApplyFixture.TIMEOUT,
                    () -> watched.changes().stream().filter(c -> c.toString().equals("DELETED notify")).count() == 2);
            assertNotEquals(migrateUid, configMapIn(ns, "migrate").getMetadata().getUid(),
                    "BeforeHookCreation: deleted and created again on the next sync");

            fixture.bundle(app, revision("9803"), List.of(configMap("app", null, Map.of("k", "3"))));
            fixture.awaitRevision(app, revision("9803"));
            assertNotNull(configMapIn(ns, "migrate"), "a hook is never pruned as a leftover");
        }
    }

    @Test
    void aWaveWaitsUntilTheOneBeforeIsHealthy() {
        String ns = ApplyFixture.newNamespace("waves");
        ObjectRef app = fixture.kustomization("waves", true, ns);
        Map<String, Object> after = annotated(configMap("after", null, Map.of("k", "v")), Map.of(WAVE, "1"));
        fixture.bundle(app, revision("9901"), List.of(after, deployment("web", 1, 600)));

        AppStatus waiting = fixture.awaitStatus(app, "waiting", s -> s.message().contains("waiting for"));
        assertTrue(waiting.message().startsWith("Sync of revision " + revision("9901") + " in progress: waiting for"
                + " wave 0 of phase Sync: Deployment/" + ns + "/web is Progressing"), waiting.message());
        assertNull(configMapIn(ns, "after"), "wave 1 waits");

        // Without a kubelet no pod ever runs; a Deployment of 0 replicas is Available at once.
        fixture.bundle(app, revision("9902"), List.of(after, deployment("web", 0, 600)));
        AppStatus synced = fixture.awaitRevision(app, revision("9902"));
        assertEquals(SyncCode.SYNCED, synced.sync(), synced.message());
        assertNotNull(configMapIn(ns, "after"));
    }

    @Test
    void aWaveThatNeverGetsHealthyFailsTheSyncNamingTheObject() {
        String ns = ApplyFixture.newNamespace("stuck");
        ObjectRef app = fixture.kustomization("stuck", true, ns);
        fixture.bundle(app, revision("9a01"), List.of(deployment("web", 1, 600),
                annotated(configMap("after", null, Map.of("k", "v")), Map.of(WAVE, "1")),
                annotated(configMap("on-failure", null, Map.of("k", "v")), Map.of(HOOK, "SyncFail"))));
        assertNull(configMapIn(ns, "on-failure"), "a SyncFail hook waits for a failure");

        AppStatus failed = fixture.awaitStatus(app, "wave timeout", s -> s.message().startsWith("apply failed"));
        assertTrue(failed.message().contains("Deployment/" + ns + "/web: wave 0 of phase Sync not healthy after"
                + " 15 s: Progressing"), failed.message());
        assertEquals(SyncCode.OUT_OF_SYNC, failed.sync());
        fixture.awaitEvent(app, "ReconciliationFailed", e -> e.message().contains("not healthy after"));
        assertNull(configMapIn(ns, "after"));
        assertNotNull(configMapIn(ns, "on-failure"), "the SyncFail hook ran");
    }
}
