package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.deployment;
import static io.sluice.apply.ApplyFixture.revision;
import static io.sluice.apply.ApplyFixture.secret;
import static io.sluice.apply.ApplyFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An application whose bundle and cluster did not change costs the API server no write at all:
 * not on a redelivered bundle, not on a new revision that renders the same objects, not on its
 * periodic reconciles. Counted by the API server itself (apiserver_request_total, dry runs
 * excluded by their dry_run label) and by Sluice's own write counter.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class ZeroWritesTest {
    private static final Set<String> RESOURCES = Set.of("configmaps", "secrets", "services", "deployments");
    private final ApplyFixture fixture = ApplyFixture.shared();

    @TestHTTPResource("/")
    URL root;

    @Test
    void anUnchangedApplicationCostsNoWrite() {
        String ns = ApplyFixture.newNamespace("zero");
        ObjectRef app = fixture.kustomization("steady", true, ns, Map.of("interval", "1s"));
        List<Map<String, Object>> objects = List.of(configMap("settings", null, Map.of("color", "blue")),
                secret("credentials", Map.of("password", "not-a-real-one")), service("web"),
                deployment("web", 1, 600));
        fixture.bundle(app, revision("0a0a"), objects);
        assertEquals(SyncCode.SYNCED, fixture.awaitRevision(app, revision("0a0a")).sync());
        Map<String, Long> clusterWrites = Meters.awaitQuietCluster(RESOURCES, ApplyFixture.TIMEOUT);
        double ownWrites = Meters.service(root, "sluice_apply_api_writes_total", app);
        double reconciles = Meters.service(root, "sluice_apply_duration_seconds_count", app);

        fixture.bundle(app, revision("0a0a"), objects);
        fixture.bundle(app, revision("0b0b"), objects);
        AppStatus status = fixture.awaitRevision(app, revision("0b0b"));
        Deadline.until("the two bundles' reconciles and three more on the 1s interval", ApplyFixture.TIMEOUT,
                () -> Meters.service(root, "sluice_apply_duration_seconds_count", app) >= reconciles + 5);

        assertEquals(SyncCode.SYNCED, status.sync());
        assertEquals(clusterWrites, Meters.apiServerWrites(RESOURCES), "writes counted by the API server");
        assertEquals(ownWrites, Meters.service(root, "sluice_apply_api_writes_total", app), "writes Sluice counted");
    }
}
