package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.ObjectRef;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import io.sluice.events.kafka.PartitionOwners;
import io.sluice.events.kafka.TopicAdmin;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.ServiceProcess;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two apply-service instances, each a process started from the packaged application, share six
 * applications (two in each partition of sluice.config) on the real control plane: a second
 * instance joining takes some over, drift on every application is corrected by its owner
 * whichever instance that is, and when an instance stops the other takes its applications over,
 * finds the drift made meanwhile and prunes what a new revision dropped, once.
 */
class ApplyHandoverIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Test
    void aRebalanceHandsApplicationsOverWithoutMissingDriftOrPruningTwice() throws Exception {
        Path work = Files.createTempDirectory("sluice-apply-handover-");
        TopicAdmin.ensureTopics(KafkaBroker.shared().bootstrapServers());
        Map<String, String> properties = Map.of("sluice.apply.kubeconfig",
                ClusterProvider.shared().kubeconfig().toString(), "sluice.apply.owners.session-timeout", "6s");
        Map<ObjectRef, String> apps = new HashMap<>();
        try (ServiceProcess a = ServiceProcess.start("apply-a", work, properties, List.of())) {
            apps.putAll(appsCoveringEveryPartition());
            for (ObjectRef app : apps.keySet()) {
                fixture.bundle(app, revision("aa01"), List.of(configMap("settings", null, Map.of("color", "blue")),
                        configMap("extra", null, Map.of("k", "v"))));
            }
            apps.keySet().forEach(app -> fixture.awaitRevision(app, revision("aa01")));
            assertEquals(3.0, ownedPartitions(a));

            List<ObjectRef> onB;
            try (ServiceProcess b = ServiceProcess.start("apply-b", work, properties, List.of())) {
                Deadline.until("both instances owning partitions", TIMEOUT,
                        () -> ownedPartitions(a) > 0 && ownedPartitions(b) > 0);
                assertEquals(3.0, ownedPartitions(a) + ownedPartitions(b));
                Deadline.until("B to reconcile the applications it took over", TIMEOUT,
                        () -> apps.keySet().stream().filter(app -> reconciles(b, app) > 0).count() == 2 * ownedPartitions(b));
                onB = apps.keySet().stream().filter(app -> reconciles(b, app) > 0).toList();
                assertTrue(onB.stream().allMatch(app -> reconciles(a, app) > 0), "A reconciled them before B");

                // Drift on every application is corrected, by its owner.
                apps.values().forEach(ns -> paint(ns, "red"));
                apps.values().forEach(ApplyHandoverIT::awaitBlue);
            }

            // B stopped: A owns everything again, corrects drift made while the partitions moved,
            // and prunes what the new revision dropped exactly once.
            Deadline.until("A owning every partition", TIMEOUT, () -> ownedPartitions(a) == 3.0);
            apps.values().forEach(ns -> paint(ns, "green"));
            apps.values().forEach(ApplyHandoverIT::awaitBlue);
            for (ObjectRef app : onB) {
                fixture.bundle(app, revision("aa02"), List.of(configMap("settings", null, Map.of("color", "blue"))));
            }
            for (ObjectRef app : onB) {
                AppStatus status = fixture.awaitRevision(app, revision("aa02"));
                assertEquals(List.of("/ConfigMap/" + apps.get(app) + "/settings"), ApplyFixture.ids(status.inventory()));
                Deadline.until("extra pruned in " + apps.get(app), TIMEOUT, () -> !ClusterProvider.shared()
                        .kubectl("get", "configmap", "-n", apps.get(app), "-o", "name").contains("extra"));
                List<Event> prunes = fixture.events(app).stream().filter(e -> "ReconciliationSucceeded".equals(
                        e.reason()) && e.message().contains("1 pruned")).toList();
                assertEquals(1, prunes.size(), "one prune of " + app.name() + ": " + prunes);
            }
        }
    }

    /** Two Kustomizations in each partition of sluice.config, each with a namespace of its own. */
    private Map<ObjectRef, String> appsCoveringEveryPartition() {
        Map<Integer, Integer> count = new HashMap<>();
        Map<ObjectRef, String> apps = new HashMap<>();
        while (apps.size() < 2 * TopicAdmin.PARTITIONS) {
            String ns = ApplyFixture.newNamespace("handover");
            ObjectRef app = fixture.kustomization("handover", true, ns, Map.of("interval", "1h"));
            if (count.merge(PartitionOwners.partitionOf(app.id(), TopicAdmin.PARTITIONS), 1, Integer::sum) <= 2) {
                apps.put(app, ns);
            } else {
                fixture.deleteKustomization(app);
            }
        }
        return apps;
    }

    private static void paint(String ns, String color) {
        ClusterProvider.shared().kubectl("patch", "configmap", "settings", "-n", ns, "-p",
                "{\"data\":{\"color\":\"" + color + "\"}}");
    }

    private static void awaitBlue(String ns) {
        Deadline.until("settings in " + ns + " blue again", TIMEOUT, () -> ClusterProvider.shared()
                .kubectl("get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.color}").equals("blue"));
    }

    private static double ownedPartitions(ServiceProcess instance) {
        return Meters.service(root(instance), "sluice_apply_owned_partitions");
    }

    private static double reconciles(ServiceProcess instance, ObjectRef app) {
        return Meters.service(root(instance), "sluice_apply_duration_seconds_count", app);
    }

    private static URL root(ServiceProcess instance) {
        try {
            return URI.create(instance.base() + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
