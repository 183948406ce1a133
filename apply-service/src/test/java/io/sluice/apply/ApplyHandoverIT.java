package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sluice.api.ObjectRef;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import io.sluice.events.kafka.PartitionShare;
import io.sluice.events.kafka.TopicSettings;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.process.Deadline;
import io.sluice.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two apply-service instances, each a process started from the packaged application, share one
 * application in each partition of sluice.config on the real control plane. A second instance
 * joining takes some over, drift on every application is corrected by its owner whichever instance
 * that is, and when an instance stops the other takes its applications over, finds the drift made
 * meanwhile and prunes what a new revision dropped, once. When an instance is killed (kill -9)
 * while new bundles arrive, the other takes its partitions once the group gives up on it, and
 * applies every application's latest bundle: nothing is lost, and nothing is written twice.
 */
class ApplyHandoverIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** KafkaBroker.shared() creates the topics with the default partition count. */
    private static final int PARTITIONS = TopicSettings.DEFAULT_PARTITIONS;
    private static final Set<String> CONFIG_MAPS = Set.of("configmaps");
    /** The round of new bundles in the kill test during which an instance is killed. */
    private static final int KILL_ROUND = 3;
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Test
    void aRebalanceHandsApplicationsOverWithoutMissingDriftOrPruningTwice() throws Exception {
        Path work = Files.createTempDirectory("sluice-apply-handover-");
        try (ServiceProcess a = ServiceProcess.start("apply-a", work, properties(), List.of())) {
            Map<ObjectRef, String> apps = onePerPartition("handover");
            for (ObjectRef app : apps.keySet()) {
                fixture.bundle(app, revision("aa01"), List.of(configMap("settings", null, Map.of("color", "blue")),
                        configMap("extra", null, Map.of("k", "v"))));
            }
            apps.keySet().forEach(app -> fixture.awaitRevision(app, revision("aa01")));
            assertEquals(PARTITIONS, ownedPartitions(a));

            List<ObjectRef> onB;
            try (ServiceProcess b = ServiceProcess.start("apply-b", work, properties(), List.of())) {
                Deadline.until("both instances owning partitions", TIMEOUT,
                        () -> ownedPartitions(a) > 0 && ownedPartitions(b) > 0);
                assertEquals(PARTITIONS, ownedPartitions(a) + ownedPartitions(b));
                Deadline.until("B to reconcile the applications it took over", TIMEOUT,
                        () -> apps.keySet().stream().filter(app -> reconciles(b, app) > 0).count()
                                == ownedPartitions(b));
                onB = apps.keySet().stream().filter(app -> reconciles(b, app) > 0).toList();
                assertTrue(onB.stream().allMatch(app -> reconciles(a, app) > 0), "A reconciled them before B");

                // Drift on every application is corrected, by its owner.
                apps.values().forEach(ns -> paint(ns, "red"));
                apps.values().forEach(ApplyHandoverIT::awaitBlue);
            }

            // B stopped: A owns everything again, corrects drift made while the partitions moved,
            // and prunes what the new revision dropped exactly once.
            Deadline.until("A owning every partition", TIMEOUT, () -> ownedPartitions(a) == PARTITIONS);
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

    /**
     * "Nothing written twice" is measured by the API server, not by the instances (a killed one
     * leaves no meters): a watch on each application's ConfigMap sees every write that changed it,
     * in the order served, and each round's bundle changes its data to the round's number. The
     * numbers a ConfigMap went through must rise strictly (a revision written twice, or an older one
     * written after a newer one, would repeat or go back) and end at the last round; and the API
     * server's own count of write requests on ConfigMaps (apiserver_request_total, dry runs left
     * out) must grow by exactly the changes the watches saw, so no request re-wrote what was there.
     */
    @Test
    void killingAnInstanceMidStreamLosesNoBundleAndWritesNothingTwice() throws Exception {
        Path work = Files.createTempDirectory("sluice-apply-kill-");
        try (ServiceProcess a = ServiceProcess.start("apply-a", work, properties(), List.of());
                ServiceProcess b = ServiceProcess.start("apply-b", work, properties(), List.of())) {
            Deadline.until("both instances sharing every partition", TIMEOUT, () -> ownedPartitions(a) > 0
                    && ownedPartitions(b) > 0 && ownedPartitions(a) + ownedPartitions(b) == PARTITIONS);
            Map<ObjectRef, String> apps = onePerPartition("kill");
            publishRound(apps.keySet(), 1);
            apps.keySet().forEach(app -> fixture.awaitRevision(app, round(1)));

            // Each application is reconciled by one instance, its owner.
            List<ObjectRef> onA = apps.keySet().stream().filter(app -> reconciles(a, app) > 0).toList();
            List<ObjectRef> onB = apps.keySet().stream().filter(app -> reconciles(b, app) > 0).toList();
            assertEquals(apps.size(), onA.size() + onB.size(), "each application reconciled by one instance: A "
                    + names(onA) + ", B " + names(onB));
            assertEquals(ownedPartitions(b), onB.size(), "B reconciled the application of each partition it owns");

            try (KubernetesClient cluster = client(); Watches watches = new Watches(cluster, apps.values())) {
                long writesBefore = total(Meters.awaitQuietCluster(CONFIG_MAPS, TIMEOUT));
                publishRound(apps.keySet(), 2);
                apps.keySet().forEach(app -> fixture.awaitRevision(app, round(2)));
                // B is killed while it works through round 3: some of its applications are at 3, some not yet.
                publishRound(apps.keySet(), KILL_ROUND);
                Deadline.until("B to apply round " + KILL_ROUND + " to one of its applications", TIMEOUT,
                        () -> onB.stream().map(fixture::status).anyMatch(status -> status != null
                                && round(KILL_ROUND).equals(status.revision())));
                b.kill();
                int last = keepPublishingUntilTakenOver(apps.keySet(), onA, a);

                apps.keySet().forEach(app -> fixture.awaitRevision(app, round(last)));
                assertTrue(onB.stream().allMatch(app -> reconciles(a, app) > 0), "A took over " + names(onB));
                long changes = 0;
                for (String ns : apps.values()) {
                    assertEquals(Integer.toString(last), ClusterProvider.shared().kubectl("get", "configmap",
                            "settings", "-n", ns, "-o", "jsonpath={.data.round}"), "the last round in " + ns);
                    List<Integer> rounds = watches.rounds(ns);
                    assertTrue(risesStrictly(rounds) && rounds.get(rounds.size() - 1) == last,
                            "each round written once at most, in order, in " + ns + ": " + rounds);
                    changes += rounds.size();
                }
                assertEquals(changes, total(Meters.awaitQuietCluster(CONFIG_MAPS, TIMEOUT)) - writesBefore,
                        "write requests on ConfigMaps, as the API server counts them");
            }
        }
    }

    /**
     * Publishes a round after each round A's own applications have applied, until A owns every
     * partition and two rounds more: bundles keep arriving before, during and after the takeover.
     * Returns the last round.
     */
    private int keepPublishingUntilTakenOver(Set<ObjectRef> apps, List<ObjectRef> onA, ServiceProcess a) {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        int round = KILL_ROUND;
        int takenOverAt = 0;
        while (takenOverAt == 0 || round < takenOverAt + 2) {
            assertTrue(System.nanoTime() < end, "A to own every partition within " + TIMEOUT.toSeconds() + " s");
            publishRound(apps, ++round);
            String revision = round(round);
            onA.forEach(app -> fixture.awaitRevision(app, revision));
            if (takenOverAt == 0 && ownedPartitions(a) == PARTITIONS) {
                takenOverAt = round;
            }
        }
        return round;
    }

    /** One Kustomization in each partition of sluice.config, each with a namespace of its own. */
    private Map<ObjectRef, String> onePerPartition(String prefix) {
        Map<Integer, ObjectRef> byPartition = new HashMap<>();
        while (byPartition.size() < PARTITIONS) {
            ObjectRef ref = ApplyFixture.kustomizationRef(prefix);
            byPartition.putIfAbsent(PartitionShare.partitionOf(ref.id(), PARTITIONS), ref);
        }
        Map<ObjectRef, String> apps = new LinkedHashMap<>();
        for (ObjectRef ref : byPartition.values()) {
            String ns = ApplyFixture.newNamespace(prefix);
            apps.put(fixture.kustomization(ref, true, ns, Map.of("interval", "1h")), ns);
        }
        return apps;
    }

    /** Round {@code n}'s bundle of every application: the ConfigMap settings holding round=n. */
    private void publishRound(Set<ObjectRef> apps, int n) {
        for (ObjectRef app : apps) {
            fixture.bundle(app, round(n), List.of(configMap("settings", null, Map.of("round", Integer.toString(n)))));
        }
    }

    private static String round(int n) {
        return revision(String.format("%04d", n));
    }

    private static Map<String, String> properties() {
        return Map.of("sluice.apply.kubeconfig", ClusterProvider.shared().kubeconfig().toString(),
                "sluice.apply.owners.session-timeout", "6s");
    }

    private static KubernetesClient client() throws IOException {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(
                ClusterProvider.shared().kubeconfig()))).build();
    }

    private static boolean risesStrictly(List<Integer> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) <= values.get(i - 1)) {
                return false;
            }
        }
        return !values.isEmpty();
    }

    private static long total(Map<String, Long> writes) {
        return writes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<String> names(List<ObjectRef> apps) {
        return apps.stream().map(ObjectRef::name).toList();
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

    /** A watch on the ConfigMaps of each namespace, live before the first write it must see. */
    private static final class Watches implements AutoCloseable {
        private final Map<String, WatchedConfigMaps> byNamespace = new LinkedHashMap<>();

        Watches(KubernetesClient cluster, Iterable<String> namespaces) {
            for (String ns : namespaces) {
                byNamespace.put(ns, new WatchedConfigMaps(cluster, ns));
            }
            // A watch begins with the objects there are: once it has shown settings, it is live.
            Deadline.until("the watches to show each namespace's settings", TIMEOUT, () -> byNamespace.values()
                    .stream().allMatch(watched -> watched.first("ADDED", "settings") >= 0));
        }

        /** The round numbers the ConfigMap settings of {@code ns} was changed to, in the order served. */
        List<Integer> rounds(String ns) {
            List<Integer> rounds = new ArrayList<>();
            byNamespace.get(ns).changes().stream().filter(c -> c.name().equals("settings")
                    && c.action().equals("MODIFIED")).forEach(c -> rounds.add(Integer.valueOf(c.data().get("round"))));
            return rounds;
        }

        @Override
        public void close() {
            byNamespace.values().forEach(WatchedConfigMaps::close);
        }
    }
}
