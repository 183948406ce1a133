package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.SETTINGS;
import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.events.Json;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.cluster.LocalControlPlane;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.logs.LogCapture;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several destination clusters: a second, independent control plane is described by an Argo CD
 * cluster Secret and by a Flux kubeconfig Secret in the secrets directory. Applications naming it
 * land there and not in the cluster Sluice runs in; drift there is self-healed; deletion follows
 * Argo CD's resources finalizer; an unknown destination is an error naming the field and file, and
 * the credentials appear in no log, status or event.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class DestinationsTest {
    private static final String ARGO = "argoproj.io/v1alpha1";
    private static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";
    private static final String CLUSTER_NAME = "second";
    private static LocalControlPlane second;
    private static ClusterProvider.Cluster secondKubectl;
    private static KubernetesClient secondClient;

    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient inCluster;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startSecondCluster() throws IOException {
        second = LocalControlPlane.start(Files.createTempDirectory("sluice-second-cluster-"));
        secondKubectl = ClusterProvider.Cluster.of(second.kubeconfig());
        secondClient = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(second.kubeconfig().toFile()))
                .build();
        Path secrets = Path.of(ConfigProvider.getConfig().getValue("sluice.secrets-dir", String.class));
        writeSecret(secrets, "argocd", "cluster-second", Map.of("name", CLUSTER_NAME, "server", second.serverUrl(),
                "config", "{\"bearerToken\": \"" + second.adminToken() + "\", \"tlsClientConfig\": {\"insecure\": true}}"));
        writeSecret(secrets, "flux-system", "second-kubeconfig", Map.of("value", Files.readString(second.kubeconfig())));
        // Not a cluster Secret (no server and config): ignored when looking for clusters.
        writeSecret(secrets, "argocd", "repo-creds", Map.of("url", "https://git.example/repo.git"));
    }

    @AfterAll
    static void stopSecondCluster() {
        if (secondClient != null) {
            secondClient.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static void writeSecret(Path root, String namespace, String name, Map<String, String> data)
            throws IOException {
        Path folder = Files.createDirectories(root.resolve(namespace).resolve(name));
        for (var entry : data.entrySet()) {
            Files.writeString(folder.resolve(entry.getKey()), entry.getValue());
        }
    }

    private static String unusedNamespace(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ConfigMap settingsIn(KubernetesClient client, String ns) {
        return client.configMaps().inNamespace(ns).withName("settings").get();
    }

    private ObjectRef argoApp(String prefix, String ns, Map<String, Object> destination, List<String> finalizers) {
        return fixture.application(ARGO, "Application", "argocd", prefix, argoSpec(ns, destination),
                finalizers.isEmpty() ? Map.of() : Map.of("finalizers", finalizers));
    }

    private static Map<String, Object> argoSpec(String ns, Map<String, Object> destination) {
        Map<String, Object> dest = new HashMap<>(destination);
        dest.put("namespace", ns);
        return Map.of("destination", dest, "syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true),
                "syncOptions", List.of("CreateNamespace=true")));
    }

    @Test
    void aChangedDestinationIsAppliedToAndTheOldClusterKeepsItsObjects() {
        String ns = ApplyFixture.newNamespace("moved");
        ObjectRef app = argoApp("moved", ns, Map.of("name", "in-cluster"), List.of());
        fixture.bundle(app, revision("d801"), List.of(SETTINGS));
        fixture.awaitRevision(app, revision("d801"));

        fixture.update(app, argoSpec(ns, Map.of("name", CLUSTER_NAME)), Map.of());

        Deadline.until("the ConfigMap to be applied to the new destination", ApplyFixture.TIMEOUT,
                () -> settingsIn(secondClient, ns) != null);
        assertEquals("Application/argocd/" + app.name() + " now goes to cluster " + CLUSTER_NAME
                + "; its 1 objects in cluster in-cluster stay there, no longer managed",
                fixture.awaitEvent(app, "DestinationChanged", e -> true).message());
        assertNotNull(settingsIn(inCluster, ns), "the old cluster keeps its objects");
    }

    @Test
    void aClusterSecretLimitedToNamespacesRefusesObjectsElsewhere() throws IOException {
        String allowed = unusedNamespace("allowed");
        writeSecret(Path.of(ConfigProvider.getConfig().getValue("sluice.secrets-dir", String.class)), "argocd",
                "cluster-limited", Map.of("name", "limited", "server", second.serverUrl() + "/", "namespaces",
                        allowed + ", other", "config", "{\"bearerToken\": \"" + second.adminToken()
                                + "\", \"tlsClientConfig\": {\"insecure\": true}}"));
        secondKubectl.kubectl("create", "namespace", allowed);
        ObjectRef app = fixture.application(ARGO, "Application", "argocd", "limited", Map.of(
                "destination", Map.of("name", "limited", "namespace", allowed),
                "syncPolicy", Map.of("automated", Map.of("prune", true))));
        fixture.bundle(app, revision("d901"), List.of(SETTINGS, configMap("elsewhere", "forbidden", Map.of())));

        AppStatus refused = fixture.awaitStatus(app, "refused", s -> s.message() != null
                && s.message().contains("forbidden"));
        assertTrue(refused.message().contains("ConfigMap/forbidden/elsewhere: namespace forbidden is not among the"
                + " namespaces of cluster limited (Secret argocd/cluster-limited key namespaces)"), refused.message());
        assertNull(settingsIn(secondClient, allowed), "a bundle with a refused object is not applied at all");
    }

    @Test
    void anApplicationForTheSecondServerLandsThereAndItsDriftThereIsHealed() {
        String ns = unusedNamespace("remote");
        ObjectRef app = argoApp("remote", ns, Map.of("server", second.serverUrl() + "/"), List.of());
        fixture.bundle(app, revision("d001"), List.of(SETTINGS));

        AppStatus synced = fixture.awaitRevision(app, revision("d001"));
        assertEquals(SyncCode.SYNCED, synced.sync(), synced.message());
        assertEquals("v", settingsIn(secondClient, ns).getData().get("k"));
        assertNull(inCluster.namespaces().withName(ns).get(), "nothing in the cluster Sluice runs in");
        assertTrue(Meters.service(root, "sluice_apply_api_writes_total", app, "cluster", CLUSTER_NAME) >= 2,
                "the namespace and the ConfigMap written to the second cluster are counted under its name");

        secondKubectl.kubectl("patch", "configmap", "settings", "-n", ns, "-p", "{\"data\":{\"k\":\"by hand\"}}");
        Deadline.until("the hand edit on the second cluster to be reverted", Duration.ofSeconds(5),
                () -> "v".equals(settingsIn(secondClient, ns).getData().get("k")));
        fixture.awaitEvent(app, "DriftCorrected", e -> e.message().contains("ConfigMap/" + ns + "/settings"));
    }

    @Test
    void anApplicationNamingTheClusterByNameLandsThere() {
        String ns = unusedNamespace("byname");
        ObjectRef app = argoApp("byname", ns, Map.of("name", CLUSTER_NAME), List.of());
        fixture.bundle(app, revision("d101"), List.of(SETTINGS));

        fixture.awaitRevision(app, revision("d101"));
        assertNotNull(settingsIn(secondClient, ns));
        assertNull(inCluster.namespaces().withName(ns).get());
    }

    @Test
    void anArgoClusterSecretLabelledInTheManagementClusterIsFoundThere() {
        ClusterProvider.shared().kubectlWithInput("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: argocd
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: managed-second
                  namespace: argocd
                  labels:
                    argocd.argoproj.io/secret-type: cluster
                stringData:
                  name: managed-second
                  server: %s
                  config: '{"bearerToken": "%s", "tlsClientConfig": {"insecure": true}}'
                """.formatted(second.serverUrl(), second.adminToken()), "apply", "-f", "-");
        String ns = unusedNamespace("managed");
        ObjectRef app = argoApp("managed", ns, Map.of("name", "managed-second"), List.of());
        fixture.bundle(app, revision("d601"), List.of(SETTINGS));

        fixture.awaitRevision(app, revision("d601"));
        assertNotNull(settingsIn(secondClient, ns));
        assertTrue(Meters.service(root, "sluice_apply_api_writes_total", app, "cluster", "managed-second") >= 2);
    }

    @Test
    void aChangedKubeConfigSecretGetsANewClientForEveryApplicationOnIt() throws IOException {
        Path secrets = Path.of(ConfigProvider.getConfig().getValue("sluice.secrets-dir", String.class));
        String kubeconfig = Files.readString(second.kubeconfig());
        writeSecret(secrets, "flux-system", "rotated-kubeconfig", Map.of("value", kubeconfig));
        String earlierNs = unusedNamespace("earlier");
        ObjectRef earlier = fixture.kustomization("earlier", true, earlierNs,
                Map.of("kubeConfig", Map.of("secretRef", Map.of("name", "rotated-kubeconfig"))));
        fixture.bundle(earlier, revision("d700"), List.of(SETTINGS));
        fixture.awaitRevision(earlier, revision("d700"));

        writeSecret(secrets, "flux-system", "rotated-kubeconfig",
                Map.of("value", kubeconfig.replace(second.adminToken(), "revoked-token")));
        String ns = unusedNamespace("rotated");
        ObjectRef app = fixture.kustomization("rotated", true, ns, Map.of("retryInterval", "1s",
                "kubeConfig", Map.of("secretRef", Map.of("name", "rotated-kubeconfig"))));
        fixture.bundle(app, revision("d701"), List.of(SETTINGS));
        AppStatus refused = fixture.awaitStatus(app, "unauthorized", s -> s.message() != null
                && s.message().contains("Unauthorized"));
        assertFalse(refused.message().contains("revoked-token"), refused.message());

        writeSecret(secrets, "flux-system", "rotated-kubeconfig", Map.of("value", kubeconfig));

        fixture.awaitRevision(app, revision("d701"));
        assertNotNull(settingsIn(secondClient, ns));
        // The application applied before the rotation is watched through the new client too.
        fixture.awaitStatus(earlier, "synced again", s -> SyncCode.SYNCED.equals(s.sync()));
        secondKubectl.kubectl("patch", "configmap", "settings", "-n", earlierNs, "-p", "{\"data\":{\"k\":\"by hand\"}}");
        Deadline.until("the hand edit to be reverted through the rebuilt client", Duration.ofSeconds(5),
                () -> "v".equals(settingsIn(secondClient, earlierNs).getData().get("k")));
    }

    @Test
    void aKustomizationWithAKubeConfigSecretLandsThereAndIsPrunedThereOnDeletion() {
        String ns = unusedNamespace("flux-remote");
        ObjectRef app = fixture.kustomization("flux-remote", true, ns,
                Map.of("kubeConfig", Map.of("secretRef", Map.of("name", "second-kubeconfig"))));
        fixture.bundle(app, revision("d201"), List.of(SETTINGS));

        fixture.awaitRevision(app, revision("d201"));
        assertNotNull(settingsIn(secondClient, ns));
        assertNull(inCluster.namespaces().withName(ns).get());

        secondKubectl.kubectl("delete", "configmap", "settings", "-n", ns);
        Deadline.until("the deleted ConfigMap to be recreated on the second cluster", Duration.ofSeconds(5),
                () -> settingsIn(secondClient, ns) != null);

        fixture.deleteKustomization(app);
        fixture.awaitNoStatus(app);
        Deadline.until("the ConfigMap to be pruned from the second cluster", ApplyFixture.TIMEOUT,
                () -> settingsIn(secondClient, ns) == null);
    }

    @Test
    void anUnknownDestinationIsAnErrorNamingTheFieldAndFileWithoutCredentials() {
        LogCapture capture = LogCapture.start();
        try {
            ObjectRef argo = argoApp("unknown", "web", Map.of("server", "https://unknown.example:6443"), List.of());
            fixture.bundle(argo, revision("d301"), List.of(SETTINGS));
            AppStatus refused = fixture.awaitStatus(argo, "refused", s -> s.message() != null
                    && s.message().contains("unknown.example"));
            assertTrue(refused.message().startsWith("apps/" + argo.name() + ".yaml: Application/argocd/" + argo.name()
                    + ": spec.destination.server 'https://unknown.example:6443': no Argo CD cluster Secret"),
                    refused.message());

            ObjectRef flux = fixture.kustomization("nokubeconfig", true, "web",
                    Map.of("kubeConfig", Map.of("secretRef", Map.of("name", "absent-kubeconfig"))));
            fixture.bundle(flux, revision("d302"), List.of(SETTINGS));
            AppStatus missing = fixture.awaitStatus(flux, "refused", s -> s.message() != null
                    && s.message().contains("absent-kubeconfig"));
            assertTrue(missing.message().contains("spec.kubeConfig.secretRef 'flux-system/absent-kubeconfig'")
                    && missing.message().contains("not found in sluice.secrets-dir"), missing.message());

            String seen = Json.write(fixture.events(argo)) + Json.write(fixture.events(flux)) + Json.write(refused)
                    + Json.write(missing) + String.join("\n", capture.lines());
            assertFalse(seen.contains(second.adminToken()), "a credential reached a log, status or event");
        } finally {
            capture.close();
        }
    }

    @Test
    void withTheResourcesFinalizerADeletedApplicationDeletesItsObjects() {
        String ns = unusedNamespace("cascade");
        ObjectRef app = argoApp("cascade", ns, Map.of("server", second.serverUrl()), List.of(FINALIZER + "/background"));
        fixture.bundle(app, revision("d401"), List.of(SETTINGS));
        fixture.awaitRevision(app, revision("d401"));

        fixture.deleteKustomization(app);

        fixture.awaitNoStatus(app);
        Deadline.until("the ConfigMap to be deleted from the second cluster", ApplyFixture.TIMEOUT,
                () -> settingsIn(secondClient, ns) == null);
        assertTrue(fixture.awaitEvent(app, "Deleted", e -> true).message().endsWith("1 objects pruned"));
    }

    @Test
    void withoutTheResourcesFinalizerADeletedApplicationLeavesItsObjects() {
        String ns = ApplyFixture.newNamespace("noncascade");
        ObjectRef app = argoApp("noncascade", ns, Map.of("server", "https://kubernetes.default.svc"), List.of());
        fixture.bundle(app, revision("d501"), List.of(SETTINGS));
        fixture.awaitRevision(app, revision("d501"));

        fixture.deleteKustomization(app);

        fixture.awaitNoStatus(app);
        assertTrue(fixture.awaitEvent(app, "Deleted", e -> true).message().endsWith(
                "its objects stay in the cluster (metadata.finalizers has no " + FINALIZER + ")"));
        assertNotNull(settingsIn(inCluster, ns));
    }
}
