package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.deployment;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deployment health against the real controllers. The control plane has no scheduler and no
 * kubelet: the test plays the kubelet and reports the pod Ready through its status subresource;
 * the ReplicaSet and Deployment controllers then make the Deployment available themselves (a
 * Deployment status written by hand would be overwritten by the Deployment controller at once).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class DeploymentHealthTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @Test
    void progressingUntilItsPodIsReadyThenHealthy() {
        String ns = ApplyFixture.newNamespace("health");
        ObjectRef app = fixture.kustomization("rollout", true, ns);
        fixture.bundle(app, revision("1234"), List.of(deployment("web", 1, 600)));

        AppStatus progressing = fixture.awaitStatus(app, "Progressing", s -> revision("1234").equals(s.revision()));
        assertEquals(HealthCode.PROGRESSING, progressing.health());
        assertEquals(SyncCode.SYNCED, progressing.sync());

        Pod pod = Deadline.await("the ReplicaSet controller to create the pod", ApplyFixture.TIMEOUT,
                () -> cluster.pods().inNamespace(ns).withLabel("app", "web").list().getItems().stream().findFirst()
                        .orElse(null), null);
        cluster.pods().inNamespace(ns).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.getStatus().setPhase("Running");
            p.getStatus().setConditions(List.of(
                    new PodConditionBuilder().withType("PodScheduled").withStatus("True").build(),
                    new PodConditionBuilder().withType("Ready").withStatus("True").build()));
            return p;
        });

        AppStatus healthy = fixture.awaitStatus(app, "Healthy", s -> HealthCode.HEALTHY.equals(s.health()));
        assertEquals(HealthCode.HEALTHY, healthy.resources().get(0).health());
        assertEquals(revision("1234"), healthy.revision());
    }

    @Test
    void degradedWhenTheProgressDeadlineIsExceeded() {
        String ns = ApplyFixture.newNamespace("stuck");
        ObjectRef app = fixture.kustomization("stuck", true, ns);
        fixture.bundle(app, revision("5678"), List.of(deployment("web", 1, 2)));

        AppStatus degraded = fixture.awaitStatus(app, "Degraded", s -> HealthCode.DEGRADED.equals(s.health()));
        assertTrue(degraded.resources().get(0).message().contains("progress deadline"),
                degraded.resources().get(0).message());
        assertTrue(fixture.awaitEvent(app, "HealthCheckFailed", e -> true).message()
                .contains("Deployment/" + ns + "/web"));
    }
}
