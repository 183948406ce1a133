package io.sluice.apply;

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
import io.sluice.events.AppStatus;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * StatefulSet and Job health against the real controllers. With no kubelet, the test reports
 * the pods' state through their status subresource, as a kubelet would; the StatefulSet and Job
 * controllers then update their own objects' status, which the service assesses.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class WorkloadHealthTest {
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @Test
    void statefulSetIsProgressingUntilItsPodIsReady() {
        String ns = ApplyFixture.newNamespace("sts");
        ObjectRef app = fixture.kustomization("sts", true, ns);
        fixture.bundle(app, revision("5151"), List.of(statefulSet("db")));

        AppStatus progressing = fixture.awaitStatus(app, "Progressing", s -> revision("5151").equals(s.revision()));
        assertEquals(HealthCode.PROGRESSING, progressing.health());

        Pod pod = awaitPod(ns, "db");
        cluster.pods().inNamespace(ns).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.getStatus().setPhase("Running");
            p.getStatus().setConditions(List.of(new PodConditionBuilder().withType("Ready").withStatus("True").build()));
            return p;
        });

        AppStatus healthy = fixture.awaitStatus(app, "Healthy", s -> HealthCode.HEALTHY.equals(s.health()));
        assertEquals(HealthCode.HEALTHY, healthy.resources().get(0).health());
    }

    @Test
    void jobIsHealthyWhenCompleteAndDegradedWhenFailed() {
        String ns = ApplyFixture.newNamespace("jobs");
        ObjectRef app = fixture.kustomization("jobs", true, ns);
        fixture.bundle(app, revision("6161"), List.of(job("ok"), job("broken")));
        fixture.awaitStatus(app, "Progressing", s -> HealthCode.PROGRESSING.equals(s.health()));

        finish(awaitPod(ns, "ok"), ns, "Succeeded");
        AppStatus oneDone = fixture.awaitStatus(app, "ok Healthy", s -> health(s, "ok").equals(HealthCode.HEALTHY));
        assertEquals(HealthCode.PROGRESSING, oneDone.health());

        finish(awaitPod(ns, "broken"), ns, "Failed");
        AppStatus degraded = fixture.awaitStatus(app, "Degraded", s -> HealthCode.DEGRADED.equals(s.health()));
        assertEquals(HealthCode.HEALTHY, health(degraded, "ok"));
        String why = fixture.awaitEvent(app, "HealthCheckFailed", e -> true).message();
        assertTrue(why.contains("Job/" + ns + "/broken") && why.contains("Job failed"), why);
    }

    private void finish(Pod pod, String ns, String phase) {
        cluster.pods().inNamespace(ns).withName(pod.getMetadata().getName()).editStatus(p -> {
            p.getStatus().setPhase(phase);
            return p;
        });
    }

    private Pod awaitPod(String ns, String app) {
        return Deadline.await("the controller to create a pod of " + app, ApplyFixture.TIMEOUT,
                () -> cluster.pods().inNamespace(ns).withLabel("app", app).list().getItems().stream().findFirst()
                        .orElse(null), null);
    }

    private static HealthCode health(AppStatus status, String name) {
        return status.resources().stream().filter(r -> r.ref().name().equals(name)).map(AppStatus.ResourceStatus::health)
                .findFirst().orElse(null);
    }

    private static Map<String, Object> podTemplate(String name, String restartPolicy) {
        return Map.of("metadata", Map.of("labels", Map.of("app", name)),
                "spec", Map.of("restartPolicy", restartPolicy,
                        "containers", List.of(Map.of("name", "main", "image", "busybox:1.36"))));
    }

    private static Map<String, Object> statefulSet(String name) {
        return Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata", Map.of("name", name),
                "spec", Map.of("replicas", 1, "serviceName", name, "selector", Map.of("matchLabels", Map.of("app", name)),
                        "template", podTemplate(name, "Always")));
    }

    private static Map<String, Object> job(String name) {
        return Map.of("apiVersion", "batch/v1", "kind", "Job", "metadata", Map.of("name", name),
                "spec", Map.of("backoffLimit", 0, "template", podTemplate(name, "Never")));
    }
}
