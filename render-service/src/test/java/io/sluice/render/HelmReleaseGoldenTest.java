package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's Flux HelmRelease of ingress-nginx (§3.4), with its values, rendered from a small chart of
 * the same name, compared document for document with the real helm binary's {@code helm template}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HelmReleaseGoldenTest extends RenderTestBase {
    /** The seed's HelmRelease, as written there. */
    private static final String SEED_HELM_RELEASE = """
            apiVersion: helm.toolkit.fluxcd.io/v2beta1
            kind: HelmRelease
            metadata:
              name: nginx-ingress
              namespace: flux-system
            spec:
              interval: 10m
              chart:
                spec:
                  chart: ingress-nginx
                  version: '4.8.x'
                  sourceRef:
                    kind: HelmRepository
                    name: ingress-nginx
                    namespace: flux-system
              targetNamespace: ingress-nginx
              install:
                createNamespace: true
              values:
                controller:
                  replicaCount: 3
                  service:
                    type: LoadBalancer
                    annotations:
                      service.beta.kubernetes.io/aws-load-balancer-type: "nlb"
                  resources:
                    requests:
                      cpu: 100m
                      memory: 128Mi
                    limits:
                      cpu: 500m
                      memory: 512Mi
            """;
    private static final String CONTROLLER = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-controller
              namespace: {{ .Release.Namespace }}
              labels:
                app.kubernetes.io/name: {{ .Chart.Name }}
                app.kubernetes.io/instance: {{ .Release.Name }}
                helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
            spec:
              replicas: {{ .Values.controller.replicaCount }}
              selector:
                matchLabels:
                  app.kubernetes.io/instance: {{ .Release.Name }}
              template:
                metadata:
                  labels:
                    app.kubernetes.io/instance: {{ .Release.Name }}
                spec:
                  containers:
                  - name: controller
                    image: "{{ .Values.controller.image.registry }}/{{ .Values.controller.image.image }}:{{ .Values.controller.image.tag }}"
                    resources:
                      {{- toYaml .Values.controller.resources | nindent 12 }}
            """;
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: {{ .Release.Name }}-controller
              namespace: {{ .Release.Namespace }}
              {{- with .Values.controller.service.annotations }}
              annotations:
                {{- toYaml . | nindent 4 }}
              {{- end }}
            spec:
              type: {{ .Values.controller.service.type }}
              selector:
                app.kubernetes.io/instance: {{ .Release.Name }}
              ports:
              - name: http
                port: 80
              - name: https
                port: 443
            """;
    private static final String VALUES = """
            controller:
              replicaCount: 1
              image:
                registry: registry.k8s.io
                image: ingress-nginx/controller
                tag: v1.9.4
              service:
                type: LoadBalancer
                annotations: {}
              resources:
                requests:
                  cpu: 100m
                  memory: 90Mi
            """;

    @Test
    @SuppressWarnings("unchecked")
    void theSeedsIngressNginxReleaseIsWhatHelmTemplatePrints() throws IOException {
        Map<String, Object> document = new YAMLMapper().readValue(SEED_HELM_RELEASE, Map.class);
        Map<String, Object> spec = (Map<String, Object>) document.get("spec");
        Map<String, String> chart = HelmCharts.chart("ingress-nginx", VALUES,
                Map.of("controller-deployment.yaml", CONTROLLER, "controller-service.yaml", SERVICE));
        String appId = topics.helmRelease("nginx-ingress", "ingress-nginx", spec);
        String revision = "4.8.3@sha256:ingress-nginx";
        topics.artifact(server.serve(RenderTopics.chartSourceId("nginx-ingress"), revision,
                HelmCharts.packaged("ingress-nginx", chart)));
        RenderedBundle bundle = topics.bundle(appId, revision);

        assertEquals(List.of(), bundle.errors());
        Path root = HelmCharts.folder(chart);
        Path values = Files.writeString(root.resolve("release-values.yaml"),
                new YAMLMapper().writeValueAsString(spec.get("values")));
        // Flux names the release <targetNamespace>-<name> and installs the chart's CRDs (policy Create).
        assertEquals(HelmBinary.template(root, "ingress-nginx-nginx-ingress", "ingress-nginx", "--include-crds",
                "-f", values.toString()), bundle.objects());
    }
}
