package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.status.Reasons;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of Argo CD Applications: each bundle must equal, document for document, what the
 * real engines print for the same input, the way Argo CD's repo-server runs them: kubectl kustomize
 * on a kustomization.yaml edited by hand as {@code kustomize edit} would, helm template with Argo
 * CD's arguments, and for directories kustomize listing exactly the files Argo CD picks.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ArgoApplicationTest extends RenderTestBase {
    private static final YAMLMapper YAML = new YAMLMapper();
    /** The seed's Application (§2.2) with its helm block uncommented. */
    private static final String SEED_HELM_APPLICATION = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: web-app
              namespace: argocd
              finalizers:
              - resources-finalizer.argocd.argoproj.io
            spec:
              project: default
              source:
                repoURL: https://github.com/myorg/k8s-manifests-helm.git
                targetRevision: main
                path: production/web-app
                helm:
                  valueFiles:
                  - values-production.yaml
                  parameters:
                  - name: image.tag
                    value: "1.0.0"
              destination:
                server: https://kubernetes.default.svc
                namespace: production
              syncPolicy:
                automated:
                  prune: true
                  selfHeal: true
                  allowEmpty: false
            """;
    /** The same Application with its kustomize block uncommented, on the seed's base/overlays layout. */
    private static final String SEED_KUSTOMIZE_APPLICATION = SEED_HELM_APPLICATION
            .replace("k8s-manifests-helm.git", "k8s-manifests.git")
            .replace("""
                        helm:
                          valueFiles:
                          - values-production.yaml
                          parameters:
                          - name: image.tag
                            value: "1.0.0"
                    """, """
                        kustomize:
                          namePrefix: prod-
                          images:
                          - myregistry/web-app:1.0.0
                    """);
    private static final String WEB_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
              namespace: {{ .Release.Namespace }}
              {{- with .Values.podAnnotations }}
              annotations:
                {{- toYaml . | nindent 4 }}
              {{- end }}
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
                    {{- with .Values.extraArgs }}
                    args:
                      {{- toYaml . | nindent 10 }}
                    {{- end }}
            """;
    private static final String WEB_VALUES = "replicaCount: 1\nimage:\n  repository: myregistry/web-app\n  tag: latest\n";
    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              names:
                kind: Widget
                plural: widgets
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
            """;

    /** Publishes the Application and the artifact of its implicit Git source, and waits for the bundle. */
    @SuppressWarnings("unchecked")
    private static RenderedBundle argo(String name, Map<String, Object> spec, Map<String, String> repository) {
        String appId = topics.argoApplication(name, spec);
        Map<String, Object> source = (Map<String, Object>) spec.get("source");
        String sourceId = ArgoSourceIds.gitSource((String) source.get("repoURL"), (String) source.get("targetRevision"))
                .orElseThrow().id();
        String revision = "main@sha1:" + name;
        topics.artifact(server.serve(sourceId, revision, TarGz.of(repository)));
        return topics.bundle(appId, revision);
    }

    /** An Application of {@code https://git.example/org/<name>.git} at main with {@code source} fields. */
    private static Map<String, Object> spec(String name, Map<String, Object> source) {
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("repoURL", "https://git.example/org/" + name + ".git",
                "targetRevision", "main"));
        fields.putAll(source);
        return Map.of("project", "default", "source", fields,
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "production"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> seedSpec(String application) {
        try {
            return (Map<String, Object>) YAML.readValue(application, Map.class).get("spec");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of the repository's examples/ folder: the seed's base/overlays layout. */
    private static Map<String, String> seedLayout() {
        Path examples = Path.of("..", "examples");
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> paths = Files.walk(examples)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(examples.relativize(file).toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Map<String, String> with(Map<String, String> repository, String file, String content) {
        Map<String, String> copy = new HashMap<>(repository);
        copy.put(file, content);
        return copy;
    }

    private static Map<String, String> chart(String dir, String values, Map<String, String> extra) {
        Map<String, String> files = new HashMap<>();
        HelmCharts.chart("web", values, Map.of("deployment.yaml", WEB_DEPLOYMENT))
                .forEach((file, text) -> files.put(dir + "/" + file, text));
        files.putAll(extra);
        return files;
    }

    @Test
    void aDirectoryIsItsManifestFilesRecursedAndFilteredByArgoGlobs() {
        // sub/settings.yaml holds no Kubernetes object: Argo CD skips such files in a directory.
        Map<String, String> repository = Map.of(
                "manifests/a.yaml", Manifests.configMap("a"),
                "manifests/b.yml", Manifests.configMap("b"),
                "manifests/skip-me.yaml", Manifests.configMap("skip-me"),
                "manifests/notes.txt", "not a manifest",
                "manifests/sub/settings.yaml", "replicas: 3\nregion: eu\n",
                "manifests/sub/c.yaml", Manifests.configMap("c"),
                "manifests/sub/deep/d.json", """
                        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "d"}, "data": {"key": "value"}}
                        """,
                "manifests/sub/deep/e.yaml", Manifests.configMap("e"));

        RenderedBundle recursed = argo("dir-recurse", spec("dir-recurse", Map.of("path", "manifests", "directory",
                Map.of("recurse", true, "include", "{*.yaml,*.yml,*.json}",
                        "exclude", "{skip-*.yaml,sub/deep/e.yaml}"))), repository);
        assertEquals(List.of(), recursed.errors());
        assertEquals(KustomizeReference.build("manifests", with(repository, "manifests/kustomization.yaml",
                "resources: [a.yaml, b.yml, sub/c.yaml, sub/deep/d.json]\n")), recursed.objects());

        RenderedBundle top = argo("dir-top", spec("dir-top", Map.of("path", "manifests")), repository);
        assertEquals(List.of(), top.errors());
        assertEquals(KustomizeReference.build("manifests", with(repository, "manifests/kustomization.yaml",
                "resources: [a.yaml, b.yml, skip-me.yaml]\n")), top.objects());
    }

    @Test
    void everyKustomizeOptionIsAppliedAsKustomizeEditWritesIt() {
        Map<String, String> repository = with(seedLayout(), "components/monitoring/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                patches:
                - target:
                    kind: Deployment
                  patch: |
                    - op: add
                      path: /metadata/annotations
                      value:
                        prometheus.io/scrape: "true"
                """);
        String settingsPatch = "- op: add\n  path: /data/EXTRA\n  value: from-argo\n";
        Map<String, Object> kustomize = new LinkedHashMap<>();
        kustomize.put("namePrefix", "prod-");
        kustomize.put("nameSuffix", "-v1");
        kustomize.put("namespace", "shop");
        kustomize.put("images", List.of("nginx=registry.example/nginx:1.27.1"));
        kustomize.put("commonLabels", Map.of("team", "shop"));
        kustomize.put("commonAnnotations", Map.of("owner", "sre"));
        kustomize.put("patches", List.of(Map.of("target", Map.of("kind", "ConfigMap", "name", "web-app-settings"),
                "patch", settingsPatch)));
        kustomize.put("replicas", List.of(Map.of("name", "web-app", "count", 5)));
        kustomize.put("components", List.of("../../components/monitoring"));

        RenderedBundle bundle = argo("kustomize-all", spec("kustomize-all",
                Map.of("path", "production/web-app", "kustomize", kustomize)), repository);

        assertEquals(List.of(), bundle.errors());
        String byHand = repository.get("production/web-app/kustomization.yaml") + """
                  - target:
                      kind: ConfigMap
                      name: web-app-settings
                    patch: |
                      - op: add
                        path: /data/EXTRA
                        value: from-argo
                namespace: shop
                namePrefix: prod-
                nameSuffix: -v1
                components:
                  - ../../components/monitoring
                images:
                  - name: nginx
                    newName: registry.example/nginx
                    newTag: 1.27.1
                commonLabels:
                  team: shop
                commonAnnotations:
                  owner: sre
                replicas:
                  - name: web-app
                    count: 5
                """;
        assertEquals(KustomizeReference.build("production/web-app",
                with(repository, "production/web-app/kustomization.yaml", byHand)), bundle.objects());
        Map<String, Object> deployment = Manifests.object(bundle, "Deployment", "prod-web-app-v1");
        // commonLabels also select, as kustomize edit add label (without --without-selector) writes them.
        assertEquals(Map.of("app", "web-app", "team", "shop"),
                ((Map<?, ?>) ((Map<?, ?>) deployment.get("spec")).get("selector")).get("matchLabels"));
        assertEquals(List.of("registry.example/nginx:1.27.1"), Manifests.images(deployment));
    }

    @Test
    void theSeedsApplicationWithAKustomizeBlockRendersItsOverlay() {
        Map<String, String> repository = seedLayout();
        RenderedBundle bundle = argo("web-app", seedSpec(SEED_KUSTOMIZE_APPLICATION), repository);

        assertEquals(List.of(), bundle.errors());
        String byHand = repository.get("production/web-app/kustomization.yaml")
                + "namePrefix: prod-\nimages:\n  - name: myregistry/web-app\n    newTag: 1.0.0\n";
        assertEquals(KustomizeReference.build("production/web-app",
                with(repository, "production/web-app/kustomization.yaml", byHand)), bundle.objects());
        assertEquals(List.of("Deployment/prod-web-app", "ConfigMap/prod-web-app-settings", "Service/prod-web-svc")
                .stream().sorted().toList(), Manifests.names(bundle).stream().sorted().toList());
    }

    @Test
    void argoSourceParameterFilesInTheFolderAmendTheOptionsAsImageUpdaterWritesThem() {
        Map<String, String> repository = with(with(seedLayout(), "production/web-app/.argocd-source.yaml",
                "kustomize:\n  namePrefix: team-\n"), "production/web-app/.argocd-source-image-updated.yaml",
                "kustomize:\n  images:\n  - nginx:1.27.3\n");
        RenderedBundle bundle = argo("image-updated", spec("image-updated", Map.of("path", "production/web-app",
                "kustomize", Map.of("namePrefix", "prod-", "images", List.of("nginx:1.26")))), repository);

        assertEquals(List.of(), bundle.errors());
        String byHand = repository.get("production/web-app/kustomization.yaml")
                + "namePrefix: team-\nimages:\n  - name: nginx\n    newTag: 1.27.3\n";
        assertEquals(KustomizeReference.build("production/web-app",
                with(repository, "production/web-app/kustomization.yaml", byHand)), bundle.objects());
        assertEquals(List.of("nginx:1.27.3"), Manifests.images(Manifests.object(bundle, "Deployment",
                "team-web-app")));
    }

    @Test
    void aParameterFileThatDoesNotReadFailsTheBuildNamingItsFileAndField() {
        RenderedBundle bundle = argo("bad-override", spec("bad-override", Map.of("path", "manifests")), Map.of(
                "manifests/a.yaml", Manifests.configMap("a"),
                "manifests/.argocd-source.yaml", "directory:\n  recurse: yes please\n"));

        assertEquals(List.of("apps/bad-override.yaml with manifests/.argocd-source*.yaml: Application"
                + " argocd/bad-override: spec.source.directory.recurse must be true or false, not 'yes please'"),
                bundle.errors());
    }

    @Test
    void theSeedsApplicationWithAHelmBlockIsHelmTemplateWithArgosArguments() {
        Map<String, String> repository = chart("production/web-app", WEB_VALUES,
                Map.of("production/web-app/values-production.yaml", "replicaCount: 3\n"));
        Map<String, Object> spec = seedSpec(SEED_HELM_APPLICATION);
        String appId = topics.argoApplication("seed-helm", spec);
        String revision = "main@sha1:seed-helm";
        topics.artifact(server.serve(ArgoSourceIds.gitSource("https://github.com/myorg/k8s-manifests-helm.git", "main")
                .orElseThrow().id(), revision, TarGz.of(repository)));
        RenderedBundle bundle = topics.bundle(appId, revision);

        assertEquals(List.of(), bundle.errors());
        Path root = HelmCharts.folder(repository);
        // Argo CD's release name is the Application's name: seed-helm here.
        assertEquals(HelmBinary.template(root.resolve("production/web-app"), "seed-helm", "production",
                "--include-crds", "-f", root.resolve("production/web-app/values-production.yaml").toString(),
                "--set", "image.tag=1.0.0"), bundle.objects());
        assertEquals(List.of("myregistry/web-app:1.0.0"), Manifests.images(Manifests.object(bundle, "Deployment",
                "seed-helm")));
    }

    @Test
    void everyHelmOptionIsPassedAsArgoPassesItToHelmTemplate() {
        Map<String, String> repository = chart("charts/web", WEB_VALUES, Map.of(
                "charts/web/crds/widgets.yaml", CRD,
                "charts/web/values-production.yaml", "replicaCount: 3\nimage:\n  tag: prod\n",
                "shared/common-values.yaml", "podAnnotations:\n  team: shop\n"));
        Map<String, Object> helm = Map.of(
                "valueFiles", List.of("values-production.yaml", "../../shared/common-values.yaml"),
                "values", "replicaCount: 4\n",
                "parameters", List.of(Map.of("name", "image.tag", "value", "1.0.0"),
                        Map.of("name", "podAnnotations.build", "value", "00123", "forceString", true),
                        Map.of("name", "podAnnotations.hosts", "value", "a.example,b.example"),
                        Map.of("name", "podAnnotations.path", "value", "C:\\\\temp"),
                        Map.of("name", "extraArgs", "value", "{--verbose,--port=8080,3}")),
                "releaseName", "storefront");
        RenderedBundle bundle = argo("helm-all", spec("helm-all", Map.of("path", "charts/web", "helm", helm)),
                repository);

        assertEquals(List.of(), bundle.errors());
        Path root = HelmCharts.folder(with(repository, "argo-values.yaml", "replicaCount: 4\n"));
        Path chart = root.resolve("charts/web");
        assertEquals(HelmBinary.template(chart, "storefront", "production", "--include-crds",
                "-f", chart.resolve("values-production.yaml").toString(),
                "-f", root.resolve("shared/common-values.yaml").toString(),
                "-f", root.resolve("argo-values.yaml").toString(),
                "--set", "image.tag=1.0.0", "--set-string", "podAnnotations.build=00123",
                "--set", "podAnnotations.hosts=a.example\\,b.example", "--set", "podAnnotations.path=C:\\\\temp",
                "--set", "extraArgs={--verbose,--port=8080,3}"), bundle.objects());
        Map<String, Object> deployment = Manifests.object(bundle, "Deployment", "storefront");
        assertEquals(Map.of("team", "shop", "build", "00123", "hosts", "a.example,b.example", "path", "C:\\temp"),
                Manifests.metadata(deployment).get("annotations"));

        Map<String, Object> objectValues = Map.of("valuesObject", Map.of("replicaCount", 6), "values",
                "replicaCount: 4\n", "skipCrds", true);
        RenderedBundle skipped = argo("helm-object", spec("helm-object", Map.of("path", "charts/web", "helm",
                objectValues)), repository);
        assertEquals(List.of(), skipped.errors());
        Path objectRoot = HelmCharts.folder(with(repository, "argo-values.yaml", "replicaCount: 6\n"));
        assertEquals(HelmBinary.template(objectRoot.resolve("charts/web"), "helm-object", "production",
                "-f", objectRoot.resolve("argo-values.yaml").toString()), skipped.objects());
    }

    @Test
    void aChartSourceRendersTheChartArtifactOfItsImplicitHelmChartSource() {
        Map<String, String> chart = HelmCharts.chart("web", WEB_VALUES, Map.of("deployment.yaml", WEB_DEPLOYMENT));
        Map<String, Object> spec = Map.of("project", "default",
                "source", Map.of("repoURL", "https://charts.example/stable", "chart", "web", "targetRevision", "1.0.0",
                        "helm", Map.of("valuesObject", Map.of("replicaCount", 2))),
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "shop"));
        String appId = topics.argoApplication("chart-app", spec);
        String revision = "1.0.0@sha256:chart-app";
        topics.artifact(server.serve(ArgoSourceIds.helmChartSource("https://charts.example/stable", "web", "1.0.0")
                .id(), revision, HelmCharts.packaged("web", chart)));
        RenderedBundle bundle = topics.bundle(appId, revision);

        assertEquals(List.of(), bundle.errors());
        Path root = HelmCharts.folder(with(chart, "argo-values.yaml", "replicaCount: 2\n"));
        assertEquals(HelmBinary.template(root, "chart-app", "shop", "--include-crds",
                "-f", root.resolve("argo-values.yaml").toString()), bundle.objects());
    }

    @Test
    void aMultiSourceApplicationConcatenatesItsSourcesAndReadsValuesFromItsRefSource() {
        Map<String, String> chart = HelmCharts.chart("web", WEB_VALUES, Map.of("deployment.yaml", WEB_DEPLOYMENT));
        Map<String, String> values = Map.of("envs/prod/values.yaml", "replicaCount: 7\n");
        Map<String, String> extra = Map.of("manifests/settings.yaml", Manifests.configMap("settings"));
        Map<String, Object> spec = Map.of("project", "default", "sources", List.of(
                Map.of("repoURL", "https://charts.example/multi", "chart", "web", "targetRevision", "1.0.0",
                        "helm", Map.of("valueFiles", List.of("$values/envs/prod/values.yaml"))),
                Map.of("repoURL", "https://git.example/org/multi-values.git", "targetRevision", "main", "ref", "values"),
                Map.of("repoURL", "https://git.example/org/multi-extra.git", "targetRevision", "main",
                        "path", "manifests")),
                "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "shop"));
        String appId = topics.argoApplication("multi", spec);
        topics.artifact(server.serve(ArgoSourceIds.helmChartSource("https://charts.example/multi", "web", "1.0.0").id(),
                "1.0.0@sha256:multi", HelmCharts.packaged("web", chart)));
        topics.artifact(server.serve(ArgoSourceIds.gitSource("https://git.example/org/multi-values.git", "main")
                .orElseThrow().id(), "main@sha1:values", TarGz.of(values)));
        topics.artifact(server.serve(ArgoSourceIds.gitSource("https://git.example/org/multi-extra.git", "main")
                .orElseThrow().id(), "main@sha1:extra", TarGz.of(extra)));
        RenderedBundle bundle = topics.bundle(appId, "1.0.0@sha256:multi, main@sha1:values, main@sha1:extra");

        assertEquals(List.of(), bundle.errors());
        Path root = HelmCharts.folder(with(chart, "envs/prod/values.yaml", values.get("envs/prod/values.yaml")));
        List<Map<String, Object>> expected = new ArrayList<>(HelmBinary.template(root, "multi", "shop",
                "--include-crds", "-f", root.resolve("envs/prod/values.yaml").toString()));
        expected.addAll(KustomizeReference.build("manifests", with(extra, "manifests/kustomization.yaml",
                "resources: [settings.yaml]\n")));
        assertEquals(expected, bundle.objects());
    }

    @Test
    void aValuesFileOutsideTheRepositoryFailsTheBuildNamingTheField() {
        RenderedBundle bundle = argo("helm-escape", spec("helm-escape", Map.of("path", "charts/web", "helm",
                Map.of("valueFiles", List.of("../../../etc/passwd")))), chart("charts/web", WEB_VALUES, Map.of()));

        assertTrue(bundle.failed());
        assertEquals(List.of("apps/helm-escape.yaml spec.source: spec.source.helm.valueFiles[0] ../../../etc/passwd:"
                + " leaves the repository"), bundle.errors());
        Event event = topics.event(RenderTopics.argoApplicationRef("helm-escape"), "BuildFailed");
        assertTrue(event.message().contains("spec.source.helm.valueFiles[0]"), event.message());
    }

    @Test
    void fieldsNotSupportedYetAreRenderedWithoutAndLeftToTheConfigurationsWarnings() {
        RenderedBundle bundle = argo("jsonnet", spec("jsonnet", Map.of("path", "manifests", "directory",
                Map.of("jsonnet", Map.of("tlas", List.of(Map.of("name", "env", "value", "prod")))))),
                Map.of("manifests/a.yaml", Manifests.configMap("a")));

        assertEquals(List.of(), bundle.errors());
        assertEquals(List.of("ConfigMap/a"), Manifests.names(bundle));
        // source-service warns about spec.source.directory.jsonnet once, when it reads the document (api's
        // ApplicationTest): render does not say it again.
        assertTrue(topics.events(RenderTopics.argoApplicationRef("jsonnet")).stream()
                .noneMatch(event -> event.reason().equals(Reasons.UNSUPPORTED_FIELDS)));
    }
}
