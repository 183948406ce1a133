package io.sluice.apply;

import static io.sluice.apply.ApplyFixture.configMap;
import static io.sluice.apply.ApplyFixture.deployment;
import static io.sluice.apply.ApplyFixture.revision;
import static io.sluice.apply.ApplyFixture.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.ObjectRef;
import io.sluice.events.Event;
import io.sluice.events.Json;
import io.sluice.testkit.cluster.ClusterProvider;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.logs.LogCapture;
import io.sluice.testkit.process.Deadline;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Self-heal of Flux Kustomizations: someone else's change to a field Sluice manages, or the
 * deletion of an object, is set right within seconds, found by watching the objects rather than
 * waiting for the interval (5m here), and reported as DriftCorrected with the fields; fields
 * Sluice does not set are left alone and not reported.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClusterTestResource.class)
class DriftTest {
    private static final Duration SELF_HEAL = Duration.ofSeconds(5);
    private final ApplyFixture fixture = ApplyFixture.shared();

    @Inject
    KubernetesClient cluster;

    @TestHTTPResource("/")
    URL root;

    private static String kubectl(String... args) {
        return ClusterProvider.shared().kubectl(args);
    }

    private Integer replicas(String ns, String name) {
        return cluster.apps().deployments().inNamespace(ns).withName(name).get().getSpec().getReplicas();
    }

    private ConfigMap configMapIn(String ns, String name) {
        return cluster.configMaps().inNamespace(ns).withName(name).get();
    }

    private Event awaitCorrection(ObjectRef app, String what) {
        return fixture.awaitEvent(app, "DriftCorrected", e -> e.message().contains(what));
    }

    @Test
    void aScaledDeploymentIsScaledBackWithinSecondsAndTheEventNamesTheField() {
        String ns = ApplyFixture.newNamespace("scaled");
        ObjectRef app = fixture.appliedApp("scaled", true, ns, revision("5ca1"), List.of(deployment("web", 1, 600)));

        // The first scale may come before the Deployments' informer has started; the others find it running.
        for (int replicas = 3; replicas <= 5; replicas++) {
            long start = System.nanoTime();
            kubectl("scale", "deployment", "web", "-n", ns, "--replicas=" + replicas);
            Deadline.until("replicas back to 1", SELF_HEAL, () -> replicas(ns, "web") == 1);
            System.out.printf("drift corrected %d ms after kubectl scale returned%n",
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        }

        Event event = awaitCorrection(app, "Deployment/" + ns + "/web");
        assertEquals("Corrected drift from revision " + revision("5ca1") + ": Deployment/" + ns + "/web at /spec/replicas",
                event.message());
        assertEquals(Event.INFO, event.severity());
        Deadline.until("the drift metric to count the three corrections", ApplyFixture.TIMEOUT,
                () -> Meters.service(root, "sluice_apply_drift_corrected_total", app) == 3.0);
    }

    @Test
    void aManualImageChangeIsRevertedWithinSeconds() {
        String ns = ApplyFixture.newNamespace("image");
        ObjectRef app = fixture.appliedApp("image", true, ns, revision("1a9e"), List.of(deployment("web", 1, 600)));

        long start = System.nanoTime();
        kubectl("set", "image", "deployment/web", "-n", ns, "web=nginx:0-by-hand");
        Deadline.until("the image back to nginx:1.27", SELF_HEAL, () -> "nginx:1.27".equals(cluster.apps()
                .deployments().inNamespace(ns).withName("web").get().getSpec().getTemplate().getSpec().getContainers()
                .get(0).getImage()));
        System.out.printf("image change reverted %d ms after kubectl set image returned%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertEquals("Corrected drift from revision " + revision("1a9e") + ": Deployment/" + ns + "/web at"
                + " /spec/template/spec/containers/0/image", awaitCorrection(app, "Deployment/" + ns + "/web").message());
    }

    @Test
    void fieldsSluiceDoesNotSetAreLeftAloneAndNotReported() {
        String ns = ApplyFixture.newNamespace("shared");
        ObjectRef app = fixture.appliedApp("shared", true, ns, revision("face"),
                List.of(configMap("settings", null, Map.of("color", "blue"))));

        kubectl("annotate", "configmap", "settings", "-n", ns, "team=payments");
        kubectl("patch", "configmap", "settings", "-n", ns, "-p", "{\"data\":{\"extra\":\"added by hand\"}}");
        // A change to a field Sluice does set, after the others: its correction shows the others were seen and kept.
        kubectl("patch", "configmap", "settings", "-n", ns, "-p", "{\"data\":{\"color\":\"red\"}}");

        Deadline.until("color back to blue", SELF_HEAL, () -> "blue".equals(configMapIn(ns, "settings").getData()
                .get("color")));
        assertEquals("Corrected drift from revision " + revision("face") + ": ConfigMap/" + ns + "/settings at /data/color",
                awaitCorrection(app, "ConfigMap/" + ns + "/settings").message());
        ConfigMap settings = configMapIn(ns, "settings");
        assertEquals("payments", settings.getMetadata().getAnnotations().get("team"));
        assertEquals("added by hand", settings.getData().get("extra"));
        assertEquals(1, fixture.events(app).stream().filter(e -> "DriftCorrected".equals(e.reason())).count(),
                fixture.events(app).toString());
    }

    @Test
    void aDeletedObjectIsRecreated() {
        String ns = ApplyFixture.newNamespace("deleted");
        ObjectRef app = fixture.appliedApp("deleted", true, ns, revision("de1e"),
                List.of(configMap("settings", null, Map.of("color", "blue")), deployment("web", 1, 600)));
        String uid = configMapIn(ns, "settings").getMetadata().getUid();

        kubectl("delete", "configmap", "settings", "-n", ns);

        Deadline.until("settings to be recreated", SELF_HEAL,
                () -> configMapIn(ns, "settings") != null && !uid.equals(configMapIn(ns, "settings").getMetadata()
                        .getUid()));
        assertEquals("blue", configMapIn(ns, "settings").getData().get("color"));
        assertTrue(awaitCorrection(app, "ConfigMap/" + ns + "/settings").message()
                .endsWith("ConfigMap/" + ns + "/settings recreated (it had been deleted)"));
    }

    @Test
    void secretDriftIsCorrectedWithoutItsValuesInAnyStatusEventOrLog() {
        String password = "s3cret-" + Long.toHexString(System.nanoTime());
        String intruder = "intruder-" + Long.toHexString(System.nanoTime());
        List<String> forbidden = List.of(password, intruder, base64(password), base64(intruder));
        LogCapture capture = LogCapture.start();
        try {
            String ns = ApplyFixture.newNamespace("secret");
            ObjectRef app = fixture.appliedApp("secret", true, ns, revision("5ec2"),
                    List.of(secret("credentials", Map.of("password", password))));

            kubectl("patch", "secret", "credentials", "-n", ns, "-p",
                    "{\"data\":{\"password\":\"" + base64(intruder) + "\"}}");

            Deadline.until("the password to be set back", SELF_HEAL, () -> base64(password).equals(
                    cluster.secrets().inNamespace(ns).withName("credentials").get().getData().get("password")));
            assertTrue(awaitCorrection(app, "Secret/" + ns + "/credentials").message()
                    .endsWith("Secret/" + ns + "/credentials at /data/password"));
            assertTrue(capture.lines().stream().anyMatch(line -> line.contains(app.id())),
                    "the service's logs are captured");
            String seen = Json.write(fixture.events(app)) + Json.write(fixture.awaitRevision(app, revision("5ec2")))
                    + String.join("\n", capture.lines());
            for (String value : forbidden) {
                assertFalse(seen.contains(value), "a secret value reached an event, the status or a log");
            }
        } finally {
            capture.close();
        }
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
