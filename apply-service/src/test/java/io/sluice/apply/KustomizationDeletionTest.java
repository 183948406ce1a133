package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.SETTINGS;
import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deleting a Kustomization stops its tracking; as in Flux, its objects go only when it had
 * prune: true and was not suspended.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class KustomizationDeletionTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @Test
    void withPruneItsObjectsAreDeletedWithIt() {
        // A target namespace that does not exist yet is created first.
        String ns = "created-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectRef app = fixture.appliedApp("gone", true, ns, revision("1abc"), List.of(SETTINGS));
        assertNotNull(cluster.namespaces().withName(ns).get());

        fixture.deleteKustomization(app);

        fixture.awaitNoStatus(app);
        Deadline.until("ConfigMap settings to be pruned", ApplyFixture.TIMEOUT,
                () -> cluster.configMaps().inNamespace(ns).withName("settings").get() == null);
        assertTrue(fixture.awaitEvent(app, "Deleted", e -> true).message().contains("1 objects pruned"));
        assertNotNull(cluster.namespaces().withName(ns).get(), "the namespace Sluice created is not its to prune");
    }

    @Test
    void whileSuspendedItsObjectsStayEvenWithPrune() {
        String ns = ApplyFixture.newNamespace("paused");
        ObjectRef app = fixture.appliedApp("paused", true, ns, revision("3abc"), List.of(SETTINGS));
        fixture.suspend(app);

        fixture.deleteKustomization(app);

        fixture.awaitNoStatus(app);
        assertTrue(fixture.awaitEvent(app, "Deleted", e -> true).message()
                .endsWith("its objects stay in the cluster (it was suspended)"));
        assertNotNull(cluster.configMaps().inNamespace(ns).withName("settings").get());
    }

    @Test
    void withoutPruneItsObjectsStay() {
        String ns = ApplyFixture.newNamespace("orphan");
        ObjectRef app = fixture.appliedApp("left", false, ns, revision("2abc"), List.of(SETTINGS));

        fixture.deleteKustomization(app);

        fixture.awaitNoStatus(app);
        fixture.awaitEvent(app, "Deleted", e -> true);
        assertNotNull(cluster.configMaps().inNamespace(ns).withName("settings").get());
    }
}
