package io.sluice.apply.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sluice.apply.health.HealthAssessor.Health;
import io.sluice.events.AppStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health per kind on live objects as the API server returns them (JSON fixtures). */
class HealthAssessorTest {

    private static Health assess(String json) {
        return HealthAssessor.assess(Serialization.unmarshal(json, GenericKubernetesResource.class));
    }

    private static void assertHealth(String expected, String json) {
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
        assertEquals(AppStatus.MISSING, HealthAssessor.assess(null).status());
    }

    @Test
    void statefulSet() {
        String spec = "{\"replicas\": 2}";
        assertHealth(AppStatus.PROGRESSING, object("apps/v1", "StatefulSet", 2, spec,
                "{\"observedGeneration\": 1, \"readyReplicas\": 2}"));
        assertHealth(AppStatus.PROGRESSING, object("apps/v1", "StatefulSet", 1, spec,
                "{\"observedGeneration\": 1, \"readyReplicas\": 1}"));
        assertHealth(AppStatus.PROGRESSING, object("apps/v1", "StatefulSet", 1, spec,
                "{\"observedGeneration\": 1, \"readyReplicas\": 2, \"updatedReplicas\": 1,"
                        + " \"currentRevision\": \"a\", \"updateRevision\": \"b\"}"));
        assertHealth(AppStatus.HEALTHY, object("apps/v1", "StatefulSet", 1, spec,
                "{\"observedGeneration\": 1, \"readyReplicas\": 2, \"updatedReplicas\": 2,"
                        + " \"currentRevision\": \"b\", \"updateRevision\": \"b\"}"));
        assertHealth(AppStatus.HEALTHY, object("apps/v1", "StatefulSet", 1,
                "{\"replicas\": 3, \"updateStrategy\": {\"type\": \"RollingUpdate\", \"rollingUpdate\": {\"partition\": 2}}}",
                "{\"observedGeneration\": 1, \"readyReplicas\": 3, \"updatedReplicas\": 1,"
                        + " \"currentRevision\": \"a\", \"updateRevision\": \"b\"}"));
    }

    @Test
    void daemonSet() {
        assertHealth(AppStatus.PROGRESSING, object("apps/v1", "DaemonSet", 1, "{}",
                "{\"observedGeneration\": 1, \"desiredNumberScheduled\": 3, \"updatedNumberScheduled\": 2,"
                        + " \"numberAvailable\": 3}"));
        assertHealth(AppStatus.PROGRESSING, object("apps/v1", "DaemonSet", 1, "{}",
                "{\"observedGeneration\": 1, \"desiredNumberScheduled\": 3, \"updatedNumberScheduled\": 3,"
                        + " \"numberAvailable\": 1}"));
        assertHealth(AppStatus.HEALTHY, object("apps/v1", "DaemonSet", 1, "{}",
                "{\"observedGeneration\": 1, \"desiredNumberScheduled\": 3, \"updatedNumberScheduled\": 3,"
                        + " \"numberAvailable\": 3}"));
    }

    @Test
    void replicaSet() {
        assertHealth(AppStatus.DEGRADED, object("apps/v1", "ReplicaSet", 1, "{\"replicas\": 1}",
                "{\"observedGeneration\": 1, \"conditions\": [{\"type\": \"ReplicaFailure\", \"status\": \"True\","
                        + " \"message\": \"quota exceeded\"}]}"));
        assertHealth(AppStatus.PROGRESSING, object("apps/v1", "ReplicaSet", 1, "{\"replicas\": 2}",
                "{\"observedGeneration\": 1, \"availableReplicas\": 1}"));
        assertHealth(AppStatus.HEALTHY, object("apps/v1", "ReplicaSet", 1, "{\"replicas\": 2}",
                "{\"observedGeneration\": 1, \"availableReplicas\": 2}"));
    }

    @Test
    void deploymentPausedIsSuspended() {
        assertHealth(HealthAssessor.SUSPENDED, object("apps/v1", "Deployment", 1, "{\"paused\": true}",
                "{\"observedGeneration\": 1}"));
    }

    @Test
    void pod() {
        assertHealth(AppStatus.PROGRESSING, object("v1", "Pod", 0, "{}", "{\"phase\": \"Pending\"}"));
        assertHealth(AppStatus.PROGRESSING, object("v1", "Pod", 0, "{}", "{\"phase\": \"Running\"}"));
        assertHealth(AppStatus.HEALTHY, object("v1", "Pod", 0, "{}",
                "{\"phase\": \"Running\", \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}"));
        assertHealth(AppStatus.HEALTHY, object("v1", "Pod", 0, "{}", "{\"phase\": \"Succeeded\"}"));
        assertHealth(AppStatus.DEGRADED, object("v1", "Pod", 0, "{}", "{\"phase\": \"Failed\"}"));
        Health crash = assess(object("v1", "Pod", 0, "{}", "{\"phase\": \"Running\", \"containerStatuses\": [{\"name\":"
                + " \"web\", \"state\": {\"waiting\": {\"reason\": \"CrashLoopBackOff\", \"message\": \"back-off\"}}}]}"));
        assertEquals(AppStatus.DEGRADED, crash.status());
        assertTrue(crash.message().contains("web: CrashLoopBackOff"), crash.message());
        assertHealth(AppStatus.DEGRADED, object("v1", "Pod", 0, "{}", "{\"phase\": \"Pending\", \"containerStatuses\":"
                + " [{\"name\": \"web\", \"state\": {\"waiting\": {\"reason\": \"ImagePullBackOff\"}}}]}"));
        assertHealth(AppStatus.PROGRESSING, object("v1", "Pod", 0, "{}", "{\"phase\": \"Pending\", \"containerStatuses\":"
                + " [{\"name\": \"web\", \"state\": {\"waiting\": {\"reason\": \"ContainerCreating\"}}}]}"));
    }

    @Test
    void jobAndCronJob() {
        assertHealth(AppStatus.PROGRESSING, object("batch/v1", "Job", 1, "{}", "{\"active\": 1}"));
        assertHealth(AppStatus.HEALTHY, object("batch/v1", "Job", 1, "{}",
                "{\"conditions\": [{\"type\": \"Complete\", \"status\": \"True\"}]}"));
        assertHealth(AppStatus.DEGRADED, object("batch/v1", "Job", 1, "{}", "{\"conditions\": [{\"type\": \"Failed\","
                + " \"status\": \"True\", \"reason\": \"BackoffLimitExceeded\"}]}"));
        assertHealth(HealthAssessor.SUSPENDED, object("batch/v1", "Job", 1, "{\"suspend\": true}", "{}"));
        assertHealth(AppStatus.HEALTHY, object("batch/v1", "CronJob", 1, "{\"schedule\": \"* * * * *\"}", "{}"));
        assertHealth(HealthAssessor.SUSPENDED, object("batch/v1", "CronJob", 1, "{\"suspend\": true}", "{}"));
    }

    @Test
    void loadBalancersAndClaims() {
        assertHealth(AppStatus.HEALTHY, object("v1", "Service", 0, "{\"type\": \"ClusterIP\"}", "{}"));
        assertHealth(AppStatus.PROGRESSING, object("v1", "Service", 0, "{\"type\": \"LoadBalancer\"}",
                "{\"loadBalancer\": {}}"));
        assertHealth(AppStatus.HEALTHY, object("v1", "Service", 0, "{\"type\": \"LoadBalancer\"}",
                "{\"loadBalancer\": {\"ingress\": [{\"ip\": \"10.0.0.1\"}]}}"));
        assertHealth(AppStatus.PROGRESSING, object("networking.k8s.io/v1", "Ingress", 1, "{}", "{}"));
        assertHealth(AppStatus.HEALTHY, object("networking.k8s.io/v1", "Ingress", 1, "{}",
                "{\"loadBalancer\": {\"ingress\": [{\"hostname\": \"lb.example\"}]}}"));
        assertHealth(AppStatus.HEALTHY, object("v1", "PersistentVolumeClaim", 0, "{}", "{\"phase\": \"Bound\"}"));
        assertHealth(AppStatus.PROGRESSING, object("v1", "PersistentVolumeClaim", 0, "{}", "{\"phase\": \"Pending\"}"));
        assertHealth(AppStatus.DEGRADED, object("v1", "PersistentVolumeClaim", 0, "{}", "{\"phase\": \"Lost\"}"));
    }

    @Test
    void conditionKinds() {
        assertHealth(AppStatus.DEGRADED, object("autoscaling/v2", "HorizontalPodAutoscaler", 1, "{}",
                "{\"conditions\": [{\"type\": \"AbleToScale\", \"status\": \"True\"}, {\"type\": \"ScalingActive\","
                        + " \"status\": \"False\", \"reason\": \"FailedGetResourceMetric\"}]}"));
        assertHealth(AppStatus.HEALTHY, object("autoscaling/v2", "HorizontalPodAutoscaler", 1, "{}",
                "{\"conditions\": [{\"type\": \"AbleToScale\", \"status\": \"True\"}, {\"type\": \"ScalingActive\","
                        + " \"status\": \"True\"}]}"));
        assertHealth(AppStatus.HEALTHY, object("apiregistration.k8s.io/v1", "APIService", 1, "{}",
                "{\"conditions\": [{\"type\": \"Available\", \"status\": \"True\"}]}"));
        assertHealth(AppStatus.PROGRESSING, object("apiregistration.k8s.io/v1", "APIService", 1, "{}",
                "{\"conditions\": [{\"type\": \"Available\", \"status\": \"False\", \"reason\": \"MissingEndpoints\"}]}"));
        assertHealth(AppStatus.HEALTHY, object("apiextensions.k8s.io/v1", "CustomResourceDefinition", 1, "{}",
                "{\"conditions\": [{\"type\": \"NamesAccepted\", \"status\": \"True\"}, {\"type\": \"Established\","
                        + " \"status\": \"True\"}]}"));
        assertHealth(AppStatus.DEGRADED, object("apiextensions.k8s.io/v1", "CustomResourceDefinition", 1, "{}",
                "{\"conditions\": [{\"type\": \"NamesAccepted\", \"status\": \"False\", \"reason\": \"NameConflict\"}]}"));
    }

    @Test
    void standardConditionsOfAnyKind() {
        String kind = "example.com/v1";
        assertHealth(AppStatus.HEALTHY, object(kind, "Widget", 1, "{}", "{}"));
        assertHealth(AppStatus.HEALTHY, object(kind, "Widget", 1, "{}",
                "{\"observedGeneration\": 1, \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}"));
        assertHealth(AppStatus.PROGRESSING, object(kind, "Widget", 2, "{}",
                "{\"observedGeneration\": 1, \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}"));
        assertHealth(AppStatus.DEGRADED, object(kind, "Widget", 1, "{}",
                "{\"conditions\": [{\"type\": \"Ready\", \"status\": \"False\", \"reason\": \"BuildFailed\"}]}"));
        assertHealth(AppStatus.PROGRESSING, object(kind, "Widget", 1, "{}",
                "{\"conditions\": [{\"type\": \"Ready\", \"status\": \"False\", \"reason\": \"Progressing\"}]}"));
        assertHealth(AppStatus.PROGRESSING, object(kind, "Widget", 1, "{}",
                "{\"conditions\": [{\"type\": \"Available\", \"status\": \"Unknown\"}]}"));
        assertHealth(AppStatus.DEGRADED, object(kind, "Widget", 1, "{}",
                "{\"conditions\": [{\"type\": \"Available\", \"status\": \"False\"}]}"));
    }

    @Test
    void applicationHealthIsItsWorstObjectInArgoOrder() {
        assertEquals(AppStatus.DEGRADED, HealthAssessor.worst(List.of(AppStatus.HEALTHY, AppStatus.MISSING,
                AppStatus.DEGRADED, AppStatus.PROGRESSING, HealthAssessor.SUSPENDED)));
        assertEquals(AppStatus.MISSING, HealthAssessor.worst(List.of(AppStatus.PROGRESSING, AppStatus.MISSING)));
        assertEquals(AppStatus.PROGRESSING, HealthAssessor.worst(List.of(HealthAssessor.SUSPENDED,
                AppStatus.PROGRESSING)));
        assertEquals(HealthAssessor.SUSPENDED, HealthAssessor.worst(List.of(AppStatus.HEALTHY,
                HealthAssessor.SUSPENDED)));
        assertEquals(AppStatus.HEALTHY, HealthAssessor.worst(List.of()));
    }
}
