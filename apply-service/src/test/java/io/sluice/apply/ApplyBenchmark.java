package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.deployment;
import static io.sluice.apply.ApplyFixture.revision;
import static io.sluice.apply.ApplyFixture.secret;
import static io.sluice.apply.ApplyFixture.service;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.events.Json;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaBroker;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's benchmark on the local control plane: N applications (default 1,000) of five objects
 * each (ConfigMap, Secret, ServiceAccount, Service, Deployment), printed, not asserted:
 * <ol>
 * <li>cold sync: every Kustomization and bundle published at once, until all are Synced;</li>
 * <li>no-op reconcile of all: every bundle published again at a new revision with the same
 * objects, until all report it; the writes the API server counted meanwhile;</li>
 * <li>drift: 100 edits of a ConfigMap by another field manager, each timed until Sluice has put it
 * back (p50, p99);</li>
 * <li>side by side: the same N directories applied with {@code kubectl apply --server-side --prune}
 * (prune set kept as an ApplySet), one kubectl per application as a CI job would, cold (namespaces
 * created beforehand, untimed) and again unchanged.</li>
 * </ol>
 * Not part of the build: run it with
 * {@code ./mvnw -B -pl events,apply-service verify -Dsluice.control-plane.skip=true -Dtest=ApplyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (add {@code -Dsluice.bench.apps=100} for a short run).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class ApplyBenchmark {
    private static final int APPS = Integer.getInteger("sluice.bench.apps", 1000);
    private static final int EDITS = 100;
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
    private static final Set<String> RESOURCES = Set.of("configmaps", "secrets", "serviceaccounts", "services",
            "deployments", "namespaces");
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @Test
    void thousandApplicationsOfFiveObjects() throws Exception {
        String run = Long.toHexString(System.nanoTime() % 0xfffff);
        try (TopicView<AppStatus> statuses = new TopicView<>(KafkaBroker.shared().bootstrapServers(),
                Topics.APPLY_STATUS, AppStatus.class, (k, v) -> { }).start()) {
            List<ObjectRef> apps = new ArrayList<>();
            List<String> namespaces = new ArrayList<>();
            for (int i = 0; i < APPS; i++) {
                String ns = "bench-" + run + "-" + i;
                namespaces.add(ns);
                apps.add(fixture.kustomization("bench-" + i, true, ns, Map.of("interval", "1h")));
            }

            long coldStart = System.nanoTime();
            for (int i = 0; i < APPS; i++) {
                fixture.bundle(apps.get(i), revision("c01d"), objects(i));
            }
            awaitAll(statuses, apps, revision("c01d"));
            double coldSeconds = seconds(coldStart);

            Map<String, Long> before = Meters.awaitQuietCluster(RESOURCES, PHASE_TIMEOUT);
            long noOpStart = System.nanoTime();
            for (int i = 0; i < APPS; i++) {
                fixture.bundle(apps.get(i), revision("0000"), objects(i));
            }
            awaitAll(statuses, apps, revision("0000"));
            double noOpSeconds = seconds(noOpStart);
            long noOpWrites = writesSince(before, Meters.awaitQuietCluster(RESOURCES, PHASE_TIMEOUT));

            List<Long> driftMillis = correctDrift(namespaces);

            Path dirs = Files.createTempDirectory("sluice-apply-bench-");
            List<String> kubectlNamespaces = namespaces.stream().map(ns -> "kubectl-" + ns).toList();
            List<Path> kubectlDirs = writeDirectories(dirs, kubectlNamespaces);
            long kubectlStart = System.nanoTime();
            kubectlApplyAll(kubectlDirs, kubectlNamespaces);
            double kubectlColdSeconds = seconds(kubectlStart);
            Map<String, Long> beforeAgain = Meters.awaitQuietCluster(RESOURCES, PHASE_TIMEOUT);
            long kubectlAgainStart = System.nanoTime();
            kubectlApplyAll(kubectlDirs, kubectlNamespaces);
            double kubectlAgainSeconds = seconds(kubectlAgainStart);
            long kubectlWrites = writesSince(beforeAgain, Meters.awaitQuietCluster(RESOURCES, PHASE_TIMEOUT));

            Collections.sort(driftMillis);
            System.out.printf("%nApply benchmark: %d applications x 5 objects on the local control plane (%d cores)%n",
                    APPS, Runtime.getRuntime().availableProcessors());
            System.out.printf("  Sluice cold sync to all Synced:                 %8.1f s (%.1f apps/s)%n", coldSeconds,
                    APPS / coldSeconds);
            System.out.printf("  Sluice no-op reconcile of all (new revision):   %8.1f s, API writes: %d%n", noOpSeconds,
                    noOpWrites);
            System.out.printf("  Sluice drift -> corrected over %d edits:        p50 %d ms, p99 %d ms, max %d ms%n",
                    driftMillis.size(), percentile(driftMillis, 50), percentile(driftMillis, 99),
                    driftMillis.get(driftMillis.size() - 1));
            System.out.printf("  kubectl apply --server-side --prune, cold:      %8.1f s (%.1f apps/s)%n",
                    kubectlColdSeconds, APPS / kubectlColdSeconds);
            System.out.printf("  kubectl apply --server-side --prune, unchanged: %8.1f s, API writes: %d%n",
                    kubectlAgainSeconds, kubectlWrites);
            System.out.printf("  (kubectl has no drift detection: a change stays until the next run)%n%n");
        }
    }

    private static List<Map<String, Object>> objects(int i) {
        return List.of(configMap("settings", null, Map.of("app", "bench-" + i, "color", "blue")),
                secret("credentials", Map.of("token", "bench-" + i)),
                Map.of("apiVersion", "v1", "kind", "ServiceAccount", "metadata", Map.of("name", "web")),
                service("web"), deployment("web", 1, 600));
    }

    private static void awaitAll(TopicView<AppStatus> statuses, List<ObjectRef> apps, String revision) {
        Deadline.until(apps.size() + " applications Synced at " + revision, PHASE_TIMEOUT, () -> apps.stream()
                .map(app -> statuses.get(app.id()))
                .allMatch(s -> s != null && revision.equals(s.revision()) && SyncCode.SYNCED.equals(s.sync())));
    }

    /** Edits one app's ConfigMap at a time, as someone with kubectl edit would, and times the correction. */
    private List<Long> correctDrift(List<String> namespaces) {
        Random random = new Random(42);
        List<Long> millis = new ArrayList<>();
        for (int edit = 0; edit < EDITS; edit++) {
            String ns = namespaces.get(random.nextInt(namespaces.size()));
            long start = System.nanoTime();
            cluster.configMaps().inNamespace(ns).withName("settings")
                    .edit(cm -> {
                        cm.getData().put("color", "red");
                        return cm;
                    });
            Deadline.until("settings in " + ns + " to be blue again", Duration.ofSeconds(60),
                    () -> "blue".equals(cluster.configMaps().inNamespace(ns).withName("settings").get().getData()
                            .get("color")));
            millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        return millis;
    }

    /**
     * The same objects as Sluice's bundles, one directory per application. Their namespaces are
     * created here, untimed: kubectl keeps its prune set (an ApplySet) in a Secret of the namespace.
     */
    private List<Path> writeDirectories(Path root, List<String> namespaces) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < APPS; i++) {
            String ns = namespaces.get(i);
            cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .create();
            Path dir = Files.createDirectories(root.resolve("app-" + i));
            StringBuilder yaml = new StringBuilder();
            for (Map<String, Object> object : objects(i)) {
                yaml.append("---\n").append(Json.write(inNamespace(object, ns))).append('\n');
            }
            Files.writeString(dir.resolve("objects.yaml"), yaml);
            dirs.add(dir);
        }
        return dirs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inNamespace(Map<String, Object> object, String ns) {
        Map<String, Object> copy = Json.read(Json.write(object), Map.class);
        ((Map<String, Object>) copy.get("metadata")).put("namespace", ns);
        return copy;
    }

    /** One {@code kubectl apply --server-side --prune} per application, its prune set an ApplySet (alpha in kubectl). */
    private static void kubectlApplyAll(List<Path> dirs, List<String> namespaces) {
        for (int i = 0; i < dirs.size(); i++) {
            ClusterProvider.Kubectl result = ClusterProvider.shared().runWith(Map.of("KUBECTL_APPLYSET", "true"), null,
                    "apply", "--server-side", "--field-manager", "kubectl-bench", "--prune", "--applyset", "bench",
                    "-n", namespaces.get(i), "-f", dirs.get(i).toString());
            if (result.exitCode() != 0) {
                throw new IllegalStateException("kubectl apply of " + dirs.get(i) + " failed: " + result.stderr());
            }
        }
    }

    private static long writesSince(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
