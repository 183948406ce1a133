package io.sluice.apply.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sluice.api.status.HealthCode;
import io.sluice.apply.health.HealthAssessor.Health;
import io.sluice.events.AppStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health per kind on live objects as the API server returns them (JSON fixtures). */
class HealthAssessorTest {

    private static Health assess(String json) {
        return HealthAssessor.assess(Serialization.unmarshal(json, GenericKubernetesResource.class));
    }

    private static void assertHealth(HealthCode expected, String json) {
        Health health = assess(json);
        assertEquals(expected, health.status(), String.valueOf(health.message()));
    }

    private static String object(String apiVersion, String kind, long generation, String spec, String status) {
        return """
                {"apiVersion": "%s", "kind": "%s", "metadata": {"name": "x", "namespace": "ns", "generation": %d},
                 "spec": %s, "status": %s}""".formatted(apiVersion, kind, generation, spec, status);
    }

    @Test
    void missingObject() {
        assertEquals(HealthCode.MISSING, HealthAssessor.assess(null).status());
    }

    @Test
    void statefulSet() {
        String spec = "{\"replicas\": 2}";
        assertHealth(HealthCode.PROGRESSING, object("apps/v1", "StatefulSet", 2, spec,
                "{\"observedGeneration\": 1, \"readyReplicas\": 2}"));
        assertHealth(HealthCode.PROGRESSING, object("apps/v1", "StatefulSet", 1, spec,
                "{\"observedGeneration\": 1, \"readyReplicas\": 1}"));
        assertHealth(HealthCode.PROGRESSING, object("apps/v1", "StatefulSet", 1, spec,
                "{\"observedGeneration\": 1, \"readyReplicas\": 2, \"updatedReplicas\": 1,"
                        + " \"currentRevision\": \"a\", \"updateRevision\": \"b\"}"));
        assertHealth(HealthCode.HEALTHY, object("apps/v1", "StatefulSet", 1, spec,
                "{\"observedGeneration\": 1, \"readyReplicas\": 2, \"updatedReplicas\": 2,"
                        + " \"currentRevision\": \"b\", \"updateRevision\": \"b\"}"));
        assertHealth(HealthCode.HEALTHY, object("apps/v1", "StatefulSet", 1,
                "{\"replicas\": 3, \"updateStrategy\": {\"type\": \"RollingUpdate\", \"rollingUpdate\": {\"partition\": 2}}}",
                "{\"observedGeneration\": 1, \"readyReplicas\": 3, \"updatedReplicas\": 1,"
                        + " \"currentRevision\": \"a\", \"updateRevision\": \"b\"}"));
    }

    @Test
    void daemonSet() {
        assertHealth(HealthCode.PROGRESSING, object("apps/v1", "DaemonSet", 1, "{}",
                "{\"observedGeneration\": 1, \"desiredNumberScheduled\": 3, \"updatedNumberScheduled\": 2,"
                        + " \"numberAvailable\": 3}"));
        assertHealth(HealthCode.PROGRESSING, object("apps/v1", "DaemonSet", 1, "{}",
                "{\"observedGeneration\": 1, \"desiredNumberScheduled\": 3, \"updatedNumberScheduled\": 3,"
                        + " \"numberAvailable\": 1}"));
        assertHealth(HealthCode.HEALTHY, object("apps/v1", "DaemonSet", 1, "{}",
                "{\"observedGeneration\": 1, \"desiredNumberScheduled\": 3, \"updatedNumberScheduled\": 3,"
                        + " \"numberAvailable\": 3}"));
    }

    @Test
    void replicaSet() {
        assertHealth(HealthCode.DEGRADED, object("apps/v1", "ReplicaSet", 1, "{\"replicas\": 1}",
                "{\"observedGeneration\": 1, \"conditions\": [{\"type\": \"ReplicaFailure\", \"status\": \"True\","
                        + " \"message\": \"quota exceeded\"}]}"));
        assertHealth(HealthCode.PROGRESSING, object("apps/v1", "ReplicaSet", 1, "{\"replicas\": 2}",
                "{\"observedGeneration\": 1, \"availableReplicas\": 1}"));
        assertHealth(HealthCode.HEALTHY, object("apps/v1", "ReplicaSet", 1, "{\"replicas\": 2}",
                "{\"observedGeneration\": 1, \"availableReplicas\": 2}"));
    }

    @Test
    void deploymentPausedIsSuspended() {
        assertHealth(HealthCode.SUSPENDED, object("apps/v1", "Deployment", 1, "{\"paused\": true}",
                "{\"observedGeneration\": 1}"));
    }

    @Test
    void pod() {
        assertHealth(HealthCode.PROGRESSING, object("v1", "Pod", 0, "{}", "{\"phase\": \"Pending\"}"));
        assertHealth(HealthCode.PROGRESSING, object("v1", "Pod", 0, "{}", "{\"phase\": \"Running\"}"));
        assertHealth(HealthCode.HEALTHY, object("v1", "Pod", 0, "{}",
                "{\"phase\": \"Running\", \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}"));
        assertHealth(HealthCode.HEALTHY, object("v1", "Pod", 0, "{}", "{\"phase\": \"Succeeded\"}"));
        assertHealth(HealthCode.DEGRADED, object("v1", "Pod", 0, "{}", "{\"phase\": \"Failed\"}"));
        Health crash = assess(object("v1", "Pod", 0, "{}", "{\"phase\": \"Running\", \"containerStatuses\": [{\"name\":"
                + " \"web\", \"state\": {\"waiting\": {\"reason\": \"CrashLoopBackOff\", \"message\": \"back-off\"}}}]}"));
        assertEquals(HealthCode.DEGRADED, crash.status());
        assertTrue(crash.message().contains("web: CrashLoopBackOff"), crash.message());
        assertHealth(HealthCode.DEGRADED, object("v1", "Pod", 0, "{}", "{\"phase\": \"Pending\", \"containerStatuses\":"
                + " [{\"name\": \"web\", \"state\": {\"waiting\": {\"reason\": \"ImagePullBackOff\"}}}]}"));
        assertHealth(HealthCode.PROGRESSING, object("v1", "Pod", 0, "{}", "{\"phase\": \"Pending\", \"containerStatuses\":"
                + " [{\"name\": \"web\", \"state\": {\"waiting\": {\"reason\": \"ContainerCreating\"}}}]}"));
    }

    @Test
    void jobAndCronJob() {
        assertHealth(HealthCode.PROGRESSING, object("batch/v1", "Job", 1, "{}", "{\"active\": 1}"));
        assertHealth(HealthCode.HEALTHY, object("batch/v1", "Job", 1, "{}",
                "{\"conditions\": [{\"type\": \"Complete\", \"status\": \"True\"}]}"));
        assertHealth(HealthCode.DEGRADED, object("batch/v1", "Job", 1, "{}", "{\"conditions\": [{\"type\": \"Failed\","
                + " \"status\": \"True\", \"reason\": \"BackoffLimitExceeded\"}]}"));
        assertHealth(HealthCode.SUSPENDED, object("batch/v1", "Job", 1, "{\"suspend\": true}", "{}"));
        assertHealth(HealthCode.HEALTHY, object("batch/v1", "CronJob", 1, "{\"schedule\": \"* * * * *\"}", "{}"));
        assertHealth(HealthCode.SUSPENDED, object("batch/v1", "CronJob", 1, "{\"suspend\": true}", "{}"));
    }

    @Test
    void loadBalancersAndClaims() {
        assertHealth(HealthCode.HEALTHY, object("v1", "Service", 0, "{\"type\": \"ClusterIP\"}", "{}"));
        assertHealth(HealthCode.PROGRESSING, object("v1", "Service", 0, "{\"type\": \"LoadBalancer\"}",
                "{\"loadBalancer\": {}}"));
        assertHealth(HealthCode.HEALTHY, object("v1", "Service", 0, "{\"type\": \"LoadBalancer\"}",
                "{\"loadBalancer\": {\"ingress\": [{\"ip\": \"10.0.0.1\"}]}}"));
        assertHealth(HealthCode.PROGRESSING, object("networking.k8s.io/v1", "Ingress", 1, "{}", "{}"));
        assertHealth(HealthCode.HEALTHY, object("networking.k8s.io/v1", "Ingress", 1, "{}",
                "{\"loadBalancer\": {\"ingress\": [{\"hostname\": \"lb.example\"}]}}"));
        assertHealth(HealthCode.HEALTHY, object("v1", "PersistentVolumeClaim", 0, "{}", "{\"phase\": \"Bound\"}"));
        assertHealth(HealthCode.PROGRESSING, object("v1", "PersistentVolumeClaim", 0, "{}", "{\"phase\": \"Pending\"}"));
        assertHealth(HealthCode.DEGRADED, object("v1", "PersistentVolumeClaim", 0, "{}", "{\"phase\": \"Lost\"}"));
    }

    @Test
    void conditionKinds() {
        assertHealth(HealthCode.DEGRADED, object("autoscaling/v2", "HorizontalPodAutoscaler", 1, "{}",
                "{\"conditions\": [{\"type\": \"AbleToScale\", \"status\": \"True\"}, {\"type\": \"ScalingActive\","
                        + " \"status\": \"False\", \"reason\": \"FailedGetResourceMetric\"}]}"));
        assertHealth(HealthCode.HEALTHY, object("autoscaling/v2", "HorizontalPodAutoscaler", 1, "{}",
                "{\"conditions\": [{\"type\": \"AbleToScale\", \"status\": \"True\"}, {\"type\": \"ScalingActive\","
                        + " \"status\": \"True\"}]}"));
        assertHealth(HealthCode.HEALTHY, object("apiregistration.k8s.io/v1", "APIService", 1, "{}",
                "{\"conditions\": [{\"type\": \"Available\", \"status\": \"True\"}]}"));
        assertHealth(HealthCode.PROGRESSING, object("apiregistration.k8s.io/v1", "APIService", 1, "{}",
                "{\"conditions\": [{\"type\": \"Available\", \"status\": \"False\", \"reason\": \"MissingEndpoints\"}]}"));
        assertHealth(HealthCode.HEALTHY, object("apiextensions.k8s.io/v1", "CustomResourceDefinition", 1, "{}",
                "{\"conditions\": [{\"type\": \"NamesAccepted\", \"status\": \"True\"}, {\"type\": \"Established\","
                        + " \"status\": \"True\"}]}"));
        assertHealth(HealthCode.DEGRADED, object("apiextensions.k8s.io/v1", "CustomResourceDefinition", 1, "{}",
                "{\"conditions\": [{\"type\": \"NamesAccepted\", \"status\": \"False\", \"reason\": \"NameConflict\"}]}"));
    }

    @Test
    void standardConditionsOfAnyKind() {
        String kind = "example.com/v1";
        assertHealth(HealthCode.HEALTHY, object(kind, "Widget", 1, "{}", "{}"));
        assertHealth(HealthCode.HEALTHY, object(kind, "Widget", 1, "{}",
                "{\"observedGeneration\": 1, \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}"));
        assertHealth(HealthCode.PROGRESSING, object(kind, "Widget", 2, "{}",
                "{\"observedGeneration\": 1, \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}"));
        assertHealth(HealthCode.DEGRADED, object(kind, "Widget", 1, "{}",
                "{\"conditions\": [{\"type\": \"Ready\", \"status\": \"False\", \"reason\": \"BuildFailed\"}]}"));
        assertHealth(HealthCode.PROGRESSING, object(kind, "Widget", 1, "{}",
                "{\"conditions\": [{\"type\": \"Ready\", \"status\": \"False\", \"reason\": \"Progressing\"}]}"));
        assertHealth(HealthCode.PROGRESSING, object(kind, "Widget", 1, "{}",
                "{\"conditions\": [{\"type\": \"Available\", \"status\": \"Unknown\"}]}"));
        assertHealth(HealthCode.DEGRADED, object(kind, "Widget", 1, "{}",
                "{\"conditions\": [{\"type\": \"Available\", \"status\": \"False\"}]}"));
    }

    @Test
    void applicationHealthIsItsWorstObjectInArgoOrder() {
        assertEquals(HealthCode.DEGRADED, HealthCode.worst(List.of(HealthCode.HEALTHY, HealthCode.MISSING,
                HealthCode.DEGRADED, HealthCode.PROGRESSING, HealthCode.SUSPENDED)));
        assertEquals(HealthCode.MISSING, HealthCode.worst(List.of(HealthCode.PROGRESSING, HealthCode.MISSING)));
        assertEquals(HealthCode.PROGRESSING, HealthCode.worst(List.of(HealthCode.SUSPENDED,
                HealthCode.PROGRESSING)));
        assertEquals(HealthCode.SUSPENDED, HealthCode.worst(List.of(HealthCode.HEALTHY,
                HealthCode.SUSPENDED)));
        assertEquals(HealthCode.HEALTHY, HealthCode.worst(List.of()));
    }
}
