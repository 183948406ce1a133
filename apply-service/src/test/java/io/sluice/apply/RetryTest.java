package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A refused apply is retried after spec.retryInterval, with backoff, until the cluster takes it. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class RetryTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @TestHTTPResource("/")
    URL root;

    @Test
    void aRefusedApplyIsRetriedUntilTheClusterAcceptsIt() {
        String ns = ApplyFixture.newNamespace("retry");
        ApplyFixture.fillConfigMapQuota(ns);
        ObjectRef app = fixture.kustomization("retried", true, ns, Map.of("retryInterval", "1s"));
        fixture.bundle(app, revision("ee01"), List.of(configMap("settings", null, Map.of("k", "v"))));

        AppStatus failed = fixture.awaitStatus(app, "apply failure", s -> s.message().startsWith("apply failed"));
        assertEquals(SyncCode.OUT_OF_SYNC, failed.sync());
        assertTrue(failed.message().contains("ConfigMap/" + ns + "/settings: ") && failed.message().contains(
                "exceeded quota: one-configmap"), failed.message());
        Deadline.until("two retries (after 1 s, then 2 s)", ApplyFixture.TIMEOUT,
                () -> Meters.service(root, "sluice_apply_failures_total", app) >= 3);
        assertEquals(1, fixture.events(app).stream().filter(e -> "ReconciliationFailed".equals(e.reason())).count(),
                "retries that fail the same way raise no new event");

        kubectl("delete", "quota", "one-configmap", "-n", ns);

        AppStatus applied = fixture.awaitRevision(app, revision("ee01"));
        assertEquals(SyncCode.SYNCED, applied.sync());
        assertEquals("v", kubectl("get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.k}"));
    }

    private static String kubectl(String... args) {
        return ClusterProvider.shared().kubectl(args);
    }
}
