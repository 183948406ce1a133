package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.events.SourceArtifact;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RenderedBundleTest extends RenderTestBase {

    @TestHTTPResource("/")
    URI service;

    @Test
    void aPlainFolderIsReadRecursivelyInSortedOrderAsMultiDocumentYaml() {
        byte[] artifact = new TarGz()
                .file("apps/web/service.yaml", """
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
                        """)
                .file("apps/web/backend/deploy.yml", Manifests.deployment("api"))
                .file("apps/web/extra.json", "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\","
                        + "\"metadata\":{\"name\":\"web\"}}")
                .file("apps/web/README.md", "# not a manifest: {{ ignored\n")
                .file("apps/other/elsewhere.yaml", Manifests.configMap("elsewhere"))
                .bytes();
        RenderedBundle bundle = render("plain", "./apps/web", Map.of("targetNamespace", "prod"), artifact);

        assertEquals(List.of(), bundle.errors());
        assertEquals(RenderTopics.sourceId("plain-repo"), bundle.sourceId());
        assertTrue(bundle.digest().matches("sha256:[0-9a-f]{64}"), bundle.digest());
        // backend/deploy.yml < extra.json < service.yaml; README.md and other folders are not read.
        assertEquals(List.of("Deployment/api", "ServiceAccount/web", "Service/web", "ConfigMap/web-settings"),
                Manifests.names(bundle));
        // targetNamespace is apply-service's job: it knows which kinds are namespaced.
        assertTrue(bundle.objects().stream().noneMatch(o -> ((Map<?, ?>) o.get("metadata")).containsKey("namespace")));
        assertEquals(List.of(Map.of("port", 80)), ((Map<?, ?>) bundle.objects().get(2).get("spec")).get("ports"));
    }

    @Test
    void aKustomizationFolderIsBuiltByKustomize() {
        byte[] artifact = new TarGz()
                .file("apps/dev/kustomization.yaml", """
                        apiVersion: kustomize.config.k8s.io/v1beta1
                        kind: Kustomization
                        namePrefix: dev-
                        resources:
                        - settings.yaml
                        - ../base
                        """)
                .file("apps/dev/settings.yaml", Manifests.configMap("settings"))
                .file("apps/base/kustomization.yaml", "resources:\n- deploy.yaml\n")
                .file("apps/base/deploy.yaml", Manifests.deployment("web"))
                .bytes();
        RenderedBundle bundle = render("overlay", "apps/dev", Map.of("nameSuffix", "-v2"), artifact);

        assertEquals(List.of(), bundle.errors());
        assertEquals(List.of("ConfigMap/dev-settings", "Deployment/dev-web"),
                Manifests.names(bundle).stream().sorted().toList());
        // A build option render does not honour yet is said, not silently dropped.
        Event unsupported = topics.event(RenderTopics.kustomizationRef("overlay"), "UnsupportedFields");
        assertEquals("clusters/dev/overlay.yaml: spec.nameSuffix not supported by render-service yet: "
                + "rendered without them", unsupported.message());
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
    }
}
