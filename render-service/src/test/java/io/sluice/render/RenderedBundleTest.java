package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.status.Reasons;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.events.SourceArtifact;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RenderedBundleTest extends RenderTestBase {

    @TestHTTPResource("/")
    URI service;

    @Test
    void aFolderWithoutKustomizationIsBuiltFromTheKustomizationFluxGenerates() {
        Map<String, String> repository = Map.of(
                "apps/web/service.yaml", """
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web
                        spec:
                          ports:
                          - port: 80
                        ---
                        ---
                        # nothing but a comment
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: web-settings
                        data:
                          mode: fast
                        """,
                "apps/web/backend/deploy.yml", Manifests.deployment("api"),
                // A folder with a kustomization file is one resource: only what it lists is built.
                "apps/web/addons/kustomization.yaml", "resources:\n- monitor.yaml\n",
                "apps/web/addons/monitor.yaml", Manifests.configMap("monitor"),
                "apps/web/addons/unlisted.yaml", Manifests.configMap("unlisted"),
                // Flux reads *.yaml and *.yml only.
                "apps/web/extra.json", "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\","
                        + "\"metadata\":{\"name\":\"web\"}}",
                "apps/web/README.md", "# not a manifest: {{ ignored\n",
                "apps/other/elsewhere.yaml", Manifests.configMap("elsewhere"));
        RenderedBundle bundle = render("plain", "./apps/web", Map.of("targetNamespace", "prod"),
                TarGz.of(repository));

        Map<String, String> byHand = new HashMap<>(repository);
        byHand.put("apps/web/kustomization.yaml", """
                namespace: prod
                resources:
                - ./addons
                - ./backend/deploy.yml
                - ./service.yaml
                """);
        assertEquals(List.of(), bundle.errors());
        assertEquals(RenderTopics.sourceId("plain-repo"), bundle.sourceId());
        assertTrue(bundle.digest().matches("sha256:[0-9a-f]{64}"), bundle.digest());
        assertEquals(KustomizeReference.build("apps/web", byHand), bundle.objects());
        assertEquals(List.of("ConfigMap/monitor", "ConfigMap/web-settings", "Service/web", "Deployment/api"),
                Manifests.names(bundle));
    }

    @Test
    void aKustomizationFolderIsBuiltWithTheNamePrefixAndSuffixReplacingItsOwn() {
        Map<String, String> repository = Map.of(
                "apps/dev/kustomization.yaml", """
                        apiVersion: kustomize.config.k8s.io/v1beta1
                        kind: Kustomization
                        namePrefix: dev-
                        resources:
                        - settings.yaml
                        - ../base
                        """,
                "apps/dev/settings.yaml", Manifests.configMap("settings"),
                "apps/base/kustomization.yaml", "resources:\n- deploy.yaml\n",
                "apps/base/deploy.yaml", Manifests.deployment("web"));
        RenderedBundle bundle = render("overlay", "apps/dev",
                Map.of("namePrefix", "flux-", "nameSuffix", "-v2", "decryption", Map.of("provider", "sops")),
                TarGz.of(repository));

        // Flux sets namePrefix and nameSuffix in the folder's kustomization.yaml, replacing its own.
        Map<String, String> byHand = new HashMap<>(repository);
        byHand.put("apps/dev/kustomization.yaml", """
                namePrefix: flux-
                nameSuffix: -v2
                resources:
                - settings.yaml
                - ../base
                """);
        assertEquals(List.of(), bundle.errors());
        assertEquals(KustomizeReference.build("apps/dev", byHand), bundle.objects());
        assertEquals(List.of("ConfigMap/flux-settings-v2", "Deployment/flux-web-v2"), Manifests.names(bundle));
        // A build option Sluice does not honour yet is said once, when source-service reads the document (api's
        // KustomizationTest): render builds without it and does not say it again.
        assertTrue(topics.events(RenderTopics.kustomizationRef("overlay")).stream()
                .noneMatch(event -> event.reason().equals(Reasons.UNSUPPORTED_FIELDS)));
    }

    @Test
    void theSameInputsPublishedTwiceGiveOneBundle() {
        byte[] artifact = new TarGz()
                .file("one/settings.yaml", Manifests.configMap("one"))
                .file("two/settings.yaml", Manifests.configMap("two"))
                .bytes();
        SourceArtifact published = server.serve(RenderTopics.sourceId("twice-repo"), "main@sha1:3333", artifact);
        String appId = topics.kustomization("twice", "twice-repo", "./one");
        topics.artifact(published);
        topics.bundle(appId, "main@sha1:3333");

        topics.kustomization("twice", "twice-repo", "./one");
        topics.artifact(published);
        // A real change after the repeats: once it is rendered, the repeats have been handled too.
        topics.kustomization("twice", "twice-repo", "./two");
        Deadline.until("bundle of ./two", RenderTopics.WAIT, () -> topics.bundles(appId).stream()
                .anyMatch(b -> Manifests.names(b).equals(List.of("ConfigMap/two"))));

        List<RenderedBundle> bundles = topics.bundles(appId);
        assertEquals(List.of(List.of("ConfigMap/one"), List.of("ConfigMap/two")),
                bundles.stream().map(Manifests::names).toList(), bundles.toString());
    }

    @Test
    void deletingTheKustomizationRemovesItsBundle() {
        byte[] artifact = new TarGz().file("settings.yaml", Manifests.configMap("settings")).bytes();
        String appId = render("deleted", "", Map.of(), artifact).appId();

        topics.deleteKustomization(appId);

        Deadline.until("bundle tombstoned", RenderTopics.WAIT, () -> topics.current(appId) == null);
        assertNull(topics.current(appId));
    }

    @Test
    void healthIsUpAndMetricsCountRenders() throws Exception {
        byte[] artifact = new TarGz().file("settings.yaml", Manifests.configMap("settings")).bytes();
        String appId = render("metered", "./", Map.of(), artifact).appId();

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(service.resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        String metrics = http.send(HttpRequest.newBuilder(service.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("sluice_render_duration_seconds_count{")
                && line.contains("app=\"" + appId + "\"") && line.contains("outcome=\"succeeded\"")), metrics);
        assertFalse(metrics.contains("sluice_render_failures_total{app=\"" + appId + "\""), metrics);
        // The size of what kustomize printed, per build.
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("sluice_render_output_bytes_count ")), metrics);
    }
}
