package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.logs.LogCapture;
import io.sluice.testkit.process.Deadline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flux HelmReleases rendered by Helm's engine in the service: the bundle holds what helm template
 * prints for the chart artifact and the release's values, with Flux's release name, valuesFrom,
 * CRD policy and kustomize post-renderers; failures name the HelmRelease and the template.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HelmReleaseRenderTest extends RenderTestBase {
    private static final String SECRET_VALUE = "hunter2-helm-s3cret";
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
              namespace: {{ .Release.Namespace }}
              annotations:
                kube-version: {{ .Capabilities.KubeVersion.Version | quote }}
            spec:
              replicas: {{ .Values.replicaCount }}
              selector:
                matchLabels:
                  app: {{ .Release.Name }}
              template:
                metadata:
                  labels:
                    app: {{ .Release.Name }}
                spec:
                  containers:
                  - name: web
                    image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
            """;
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: {{ .Release.Name }}
              namespace: {{ .Release.Namespace }}
            spec:
              type: {{ .Values.service.type }}
              selector:
                app: {{ .Release.Name }}
              ports:
              - port: {{ .Values.service.port }}
            """;
    private static final String VALUES = """
            replicaCount: 1
            image:
              repository: nginx
              tag: "1.27"
            service:
              type: ClusterIP
              port: 80
            """;
    private static final Map<String, String> WEB = HelmCharts.chart("web", VALUES,
            Map.of("deployment.yaml", DEPLOYMENT, "service.yaml", SERVICE));
    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    /** Publishes HelmRelease {@code name} and its chart artifact, and waits for the bundle. */
    private static RenderedBundle release(String name, String chartName, Map<String, String> chart,
            Map<String, Object> spec) {
        String appId = topics.helmRelease(name, chartName, spec);
        String revision = "1.0.0@sha256:" + name;
        topics.artifact(server.serve(RenderTopics.chartSourceId(name), revision, HelmCharts.packaged(chartName, chart)));
        return topics.bundle(appId, revision);
    }

    @Test
    void theBundleIsWhatHelmTemplatePrintsWithFluxsReleaseNameAndNamespace() {
        Map<String, Object> values = Map.of("replicaCount", 3, "service", Map.of("port", 8080));
        RenderedBundle bundle = release("web", "web", WEB, Map.of("targetNamespace", "shop", "values", values));

        assertEquals(List.of(), bundle.errors());
        assertEquals(RenderTopics.chartSourceId("web"), bundle.sourceId());
        assertEquals(HelmCharts.reference(WEB, "shop-web", "shop", values), bundle.objects());
        Map<String, Object> deployment = Manifests.object(bundle, "Deployment", "shop-web");
        assertEquals(3, ((Map<?, ?>) deployment.get("spec")).get("replicas"));
        assertEquals("shop", Manifests.metadata(deployment).get("namespace"));
        assertEquals(Map.of("kube-version", HelmCharts.KUBE_VERSION), Manifests.metadata(deployment).get("annotations"));
        assertEquals(List.of("nginx:1.27"), Manifests.images(deployment));
        Map<String, Object> service = Manifests.object(bundle, "Service", "shop-web");
        assertEquals(8080, ((Map<?, ?>) ((List<?>) ((Map<?, ?>) service.get("spec")).get("ports")).get(0)).get("port"));
    }

    @Test
    void valuesFromConfigMapAndSecretTargetPathAreMergedUnderInlineValues() {
        MountedData.write(MountedData.CONFIG_MAPS, "web-values", Map.of("values.yaml", "replicaCount: 2\nservice:\n  type: NodePort\n"));
        MountedData.write(MountedData.SECRETS, "web-tag", Map.of("tag", "1.28-patched"));
        RenderedBundle bundle = release("layered", "web", WEB, Map.of(
                "releaseName", "storefront",
                "valuesFrom", List.of(Map.of("kind", "ConfigMap", "name", "web-values"),
                        Map.of("kind", "Secret", "name", "web-tag", "valuesKey", "tag", "targetPath", "image.tag")),
                "values", Map.of("replicaCount", 4)));

        assertEquals(List.of(), bundle.errors());
        assertEquals(HelmCharts.reference(WEB, "storefront", "flux-system", Map.of("replicaCount", 4,
                "service", Map.of("type", "NodePort"), "image", Map.of("tag", "1.28-patched"))), bundle.objects());
        Map<String, Object> deployment = Manifests.object(bundle, "Deployment", "storefront");
        assertEquals(4, ((Map<?, ?>) deployment.get("spec")).get("replicas"));
        assertEquals(List.of("nginx:1.28-patched"), Manifests.images(deployment));
    }

    @Test
    void aMissingValuesReferenceFailsNamingItUnlessOptional() {
        RenderedBundle bundle = release("missing-values", "web", WEB, Map.of("valuesFrom", List.of(
                Map.of("kind", "ConfigMap", "name", "absent-values"),
                Map.of("kind", "Secret", "name", "absent-secret", "optional", true))));

        assertTrue(bundle.failed());
        assertEquals(1, bundle.errors().size(), bundle.errors().toString());
        assertTrue(bundle.errors().get(0).startsWith("clusters/dev/missing-values.yaml: spec.valuesFrom[0]: "
                + "ConfigMap flux-system/absent-values not found"), bundle.errors().toString());
    }

    @Test
    void postRenderersPatchAndRetagTheRenderedObjects() {
        RenderedBundle bundle = release("patched", "web", WEB, Map.of("postRenderers", List.of(Map.of("kustomize",
                Map.of("patches", List.of(Map.of("target", Map.of("kind", "Deployment"), "patch", """
                                - op: add
                                  path: /metadata/labels
                                  value: {team: shop}
                                """)),
                        "images", List.of(Map.of("name", "nginx", "newTag", "1.29")))))));

        assertEquals(List.of(), bundle.errors());
        Map<String, Object> deployment = Manifests.object(bundle, "Deployment", "patched");
        assertEquals(Map.of("team", "shop"), Manifests.metadata(deployment).get("labels"));
        assertEquals(List.of("nginx:1.29"), Manifests.images(deployment));
        assertEquals(HelmCharts.reference(WEB, "patched", "flux-system", Map.of()).get(0),
                Manifests.object(bundle, "Service", "patched"));
    }

    @Test
    void crdsOfTheChartAreKeptUnlessTheInstallPolicyIsSkip() {
        Map<String, String> chart = HelmCharts.chart("widgets", VALUES, Map.of("deployment.yaml", DEPLOYMENT,
                "crds/widget.yaml", """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata:
                          name: widgets.example.com
                        spec:
                          group: example.com
                          names: {kind: Widget, plural: widgets}
                          scope: Namespaced
                          versions:
                          - name: v1
                            served: true
                            storage: true
                            schema: {openAPIV3Schema: {type: object}}
                        """));
        RenderedBundle created = release("with-crds", "widgets", chart, Map.of("install", Map.of("crds", "Create")));
        RenderedBundle skipped = release("without-crds", "widgets", chart, Map.of("install", Map.of("crds", "Skip")));

        assertEquals(List.of("CustomResourceDefinition/widgets.example.com", "Deployment/with-crds"),
                Manifests.names(created));
        assertEquals(List.of("Deployment/without-crds"), Manifests.names(skipped));
    }

    @Test
    void aTemplateErrorFailsTheBundleNamingTheTemplateAndNeverShowsSecretValues() {
        MountedData.write(MountedData.SECRETS, "broken-secret", Map.of("values.yaml", "password: " + SECRET_VALUE + "\n"));
        Map<String, String> chart = HelmCharts.chart("broken", VALUES, Map.of("deployment.yaml", DEPLOYMENT,
                "secret.yaml", "{{ fail (printf \"refusing %s\" .Values.password) }}\n"));
        RenderedBundle bundle = release("broken", "broken", chart,
                Map.of("valuesFrom", List.of(Map.of("kind", "Secret", "name", "broken-secret"))));

        assertTrue(bundle.failed());
        String error = String.join("; ", bundle.errors());
        assertTrue(error.startsWith("clusters/dev/broken.yaml: helm template failed: "), error);
        assertTrue(error.contains("broken/templates/secret.yaml"), error);
        Event failed = topics.event(RenderTopics.helmReleaseRef("broken"), "BuildFailed");
        assertTrue(failed.message().contains("templates/secret.yaml"), failed.message());
        assertFalse(error.contains(SECRET_VALUE), error);
        assertFalse(topics.events(RenderTopics.helmReleaseRef("broken")).toString().contains(SECRET_VALUE));
        Deadline.until("a log line about the render", RenderTopics.WAIT,
                () -> logs.lines().stream().anyMatch(line -> line.contains("HelmRelease/flux-system/broken")));
        assertTrue(logs.lines().stream().noneMatch(line -> line.contains(SECRET_VALUE)));
    }

    @Test
    void aTemplateCallingLookupFailsSayingThereIsNoCluster() {
        Map<String, String> chart = HelmCharts.chart("looks", VALUES, Map.of("config.yaml", """
                {{- $existing := lookup "v1" "ConfigMap" .Release.Namespace "settings" }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  found: {{ ne (len $existing) 0 | quote }}
                """));
        RenderedBundle bundle = release("looks", "looks", chart, Map.of());

        assertTrue(bundle.failed());
        String error = String.join("; ", bundle.errors());
        assertTrue(error.contains("templates that call lookup cannot be rendered"), error);
    }

    /** The HelmRelease of the seed guide (§3.4), on a small chart of our own named ingress-nginx. */
    @Test
    void theSeedGuidesIngressNginxReleaseRendersItsValues() {
        Map<String, String> chart = HelmCharts.chart("ingress-nginx", """
                controller:
                  replicaCount: 1
                  image: registry.k8s.io/ingress-nginx/controller:v1.9.4
                  service:
                    type: ClusterIP
                    annotations: {}
                  resources: {}
                """, Map.of("controller-deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}-controller
                  namespace: {{ .Release.Namespace }}
                spec:
                  replicas: {{ .Values.controller.replicaCount }}
                  selector:
                    matchLabels: {app: {{ .Release.Name }}-controller}
                  template:
                    metadata:
                      labels: {app: {{ .Release.Name }}-controller}
                    spec:
                      containers:
                      - name: controller
                        image: {{ .Values.controller.image }}
                        resources:
                          {{- toYaml .Values.controller.resources | nindent 12 }}
                """, "controller-service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ .Release.Name }}-controller
                  namespace: {{ .Release.Namespace }}
                  annotations:
                    {{- toYaml .Values.controller.service.annotations | nindent 4 }}
                spec:
                  type: {{ .Values.controller.service.type }}
                  selector: {app: {{ .Release.Name }}-controller}
                  ports:
                  - {name: http, port: 80}
                """));
        Map<String, Object> values = Map.of("controller", Map.of("replicaCount", 3,
                "service", Map.of("type", "LoadBalancer",
                        "annotations", Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb")),
                "resources", Map.of("requests", Map.of("cpu", "100m", "memory", "128Mi"),
                        "limits", Map.of("cpu", "500m", "memory", "512Mi"))));
        String appId = topics.helmRelease("nginx-ingress", "ingress-nginx", Map.of(
                "targetNamespace", "ingress-nginx", "install", Map.of("createNamespace", true),
                "values", values, "upgrade", Map.of("remediation", Map.of("retries", 3)),
                "rollback", Map.of("recreate", true)));
        topics.artifact(server.serve(RenderTopics.chartSourceId("nginx-ingress"), "4.8.3@sha256:seed",
                HelmCharts.packaged("ingress-nginx", chart)));
        RenderedBundle bundle = topics.bundle(appId, "4.8.3@sha256:seed");

        assertEquals(List.of(), bundle.errors());
        assertEquals(HelmCharts.reference(chart, "ingress-nginx-nginx-ingress", "ingress-nginx", values),
                bundle.objects());
        Map<String, Object> deployment = Manifests.object(bundle, "Deployment", "ingress-nginx-nginx-ingress-controller");
        assertEquals(3, ((Map<?, ?>) deployment.get("spec")).get("replicas"));
        assertEquals("ingress-nginx", Manifests.metadata(deployment).get("namespace"));
        Map<String, Object> service = Manifests.object(bundle, "Service", "ingress-nginx-nginx-ingress-controller");
        assertEquals("LoadBalancer", ((Map<?, ?>) service.get("spec")).get("type"));
        assertEquals(Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"),
                Manifests.metadata(service).get("annotations"));
    }
}
