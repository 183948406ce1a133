package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.events.RenderedBundle;
import io.sluice.testkit.kafka.KafkaTestResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the Flux Kustomization build options: each bundle must equal, object for object,
 * what the real kubectl kustomize builds when the same options are written by hand into the
 * kustomization.yaml, the way Flux's kustomize-controller writes them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class KustomizationOptionsTest extends RenderTestBase {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    /** The production overlay of the seed's layout (examples/production/web-app): 3 replicas. */
    private static final String PRODUCTION_OVERLAY = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - ../../base/web-app
              - settings.yaml
            patches:
            """ + replicasPatch(3);

    /** A patches entry setting the replicas of Deployment web-app, as the seed writes it. */
    private static String replicasPatch(int replicas) {
        return """
                  - target:
                      kind: Deployment
                      name: web-app
                    patch: |
                      - op: replace
                        path: /spec/replicas
                        value: %d
                """.formatted(replicas);
    }

    /** Renders {@code repository} and checks the bundle against the hand-written kustomization of {@code dir}. */
    private static RenderedBundle renderAndCompare(String name, String dir, Map<String, Object> options,
            Map<String, String> repository, String kustomizationByHand) {
        RenderedBundle bundle = render(name, dir, options, TarGz.of(repository));
        assertEquals(List.of(), bundle.errors());
        Map<String, String> byHand = new HashMap<>(repository);
        byHand.put(dir + "/kustomization.yaml", kustomizationByHand);
        assertEquals(KustomizeReference.build(dir, byHand), bundle.objects());
        return bundle;
    }

    private static String deployment(String name, String extraMetadata) {
        return Manifests.deployment(name).replace("  name: " + name + "\n", "  name: " + name + "\n" + extraMetadata);
    }

    @Test
    void patchesApplyStrategicMergeAndJson6902WithEveryTargetSelector() {
        Map<String, String> repository = Map.of(
                "apps/shop/web.yaml", deployment("web", "  labels:\n    tier: front\n  annotations:\n    team: a\n"),
                "apps/shop/api.yaml", deployment("api", "  namespace: shop\n  labels:\n    tier: back\n"),
                "apps/shop/settings.yaml", Manifests.configMap("settings").replace("  name: settings\n",
                        "  name: settings\n  annotations:\n    team: a\n"),
                "apps/shop/other.yaml", Manifests.configMap("other"));
        String strategicMerge = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n";
        String byLabel = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\n  annotations:\n"
                + "    selected-by: label\n";
        String addLabel = "- op: add\n  path: /metadata/labels/patched\n  value: json6902\n";
        String addData = "- op: add\n  path: /data/extra\n  value: by-annotation\n";
        String inShop = "- op: add\n  path: /metadata/annotations\n  value:\n    in: shop\n";
        List<Map<String, Object>> patches = List.of(
                Map.of("patch", strategicMerge),
                Map.of("patch", addLabel, "target", Map.of("group", "apps", "version", "v1", "kind", "Deployment",
                        "name", "web|api")),
                Map.of("patch", byLabel, "target", Map.of("labelSelector", "tier=front")),
                Map.of("patch", addData, "target", Map.of("kind", "ConfigMap", "annotationSelector", "team=a")),
                Map.of("patch", inShop, "target", Map.of("namespace", "shop")));

        RenderedBundle bundle = renderAndCompare("patched", "apps/shop", Map.of("patches", patches), repository, """
                resources:
                - ./api.yaml
                - ./other.yaml
                - ./settings.yaml
                - ./web.yaml
                patches:
                - patch: |
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                    spec:
                      replicas: 4
                - target:
                    group: apps
                    version: v1
                    kind: Deployment
                    name: web|api
                  patch: |
                    - op: add
                      path: /metadata/labels/patched
                      value: json6902
                - target:
                    labelSelector: tier=front
                  patch: |
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: any
                      annotations:
                        selected-by: label
                - target:
                    kind: ConfigMap
                    annotationSelector: team=a
                  patch: |
                    - op: add
                      path: /data/extra
                      value: by-annotation
                - target:
                    namespace: shop
                  patch: |
                    - op: add
                      path: /metadata/annotations
                      value:
                        in: shop
                """);
        Map<String, Object> web = Manifests.object(bundle, "Deployment", "web");
        assertEquals(4, ((Map<?, ?>) web.get("spec")).get("replicas"));
        assertEquals(Map.of("team", "a", "selected-by", "label"), Manifests.metadata(web).get("annotations"));
        assertEquals(Map.of("in", "shop"), Manifests.metadata(Manifests.object(bundle, "Deployment", "api"))
                .get("annotations"));
    }

    @Test
    void imagesAreMergedIntoTheKustomizationsOwnByName() {
        Map<String, String> repository = Map.of(
                "apps/img/kustomization.yaml", """
                        resources:
                        - deploy.yaml
                        images:
                        - name: nginx
                          newTag: "1.25"
                        - name: memcached
                          newTag: "1.6"
                        """,
                "apps/img/deploy.yaml", Manifests.deployment("web").replace("        image: nginx:1.27\n", """
                                image: nginx:1.27
                              - name: cache
                                image: memcached:1.5
                              - name: queue
                                image: redis:7
                              - name: tools
                                image: busybox
                        """));
        List<Map<String, Object>> images = List.of(
                Map.of("name", "nginx", "newName", "registry.local/nginx"),
                Map.of("name", "memcached", "digest", DIGEST),
                Map.of("name", "redis", "newTag", "7.2"),
                Map.of("name", "busybox", "newName", "registry.local/busybox", "newTag", "1.36"));

        RenderedBundle bundle = renderAndCompare("images", "apps/img", Map.of("images", images), repository, """
                resources:
                - deploy.yaml
                images:
                - name: nginx
                  newName: registry.local/nginx
                  newTag: "1.25"
                - name: memcached
                  digest: %s
                - name: redis
                  newTag: "7.2"
                - name: busybox
                  newName: registry.local/busybox
                  newTag: "1.36"
                """.formatted(DIGEST));
        assertEquals(List.of("registry.local/nginx:1.25", "memcached@" + DIGEST, "redis:7.2",
                "registry.local/busybox:1.36"), Manifests.images(Manifests.object(bundle, "Deployment", "web")));
    }

    @Test
    void commonMetadataGoesOnEveryObjectsOwnMetadataOnly() {
        Map<String, String> repository = Map.of(
                "apps/meta/web.yaml", deployment("web", "  labels:\n    team: old\n"),
                "apps/meta/settings.yaml", Manifests.configMap("settings"));
        Map<String, Object> commonMetadata = Map.of("labels", Map.of("team", "shop", "tier", "front"),
                "annotations", Map.of("owner", "platform"));

        // kustomize's labels without selectors or templates, and a patch of every object's own annotations.
        RenderedBundle bundle = renderAndCompare("common", "apps/meta", Map.of("commonMetadata", commonMetadata),
                repository, """
                        resources:
                        - ./settings.yaml
                        - ./web.yaml
                        labels:
                        - pairs:
                            team: shop
                            tier: front
                        patches:
                        - target:
                            name: ".*"
                          patch: |
                            apiVersion: any
                            kind: Any
                            metadata:
                              name: any
                              annotations:
                                owner: platform
                        """);
        Map<String, Object> web = Manifests.object(bundle, "Deployment", "web");
        assertEquals(Map.of("team", "shop", "tier", "front"), Manifests.metadata(web).get("labels"));
        assertEquals(Map.of("app", "web"), ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) web.get("spec")).get("selector")))
                .get("matchLabels"));
    }

    @Test
    void componentsAreAddedAndMissingOnesSkippedWhenAsked() {
        String replicas = """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                patches:
                - target:
                    kind: Deployment
                  patch: |
                    - op: add
                      path: /spec/replicas
                      value: 3
                """;
        Map<String, String> repository = Map.of(
                "apps/web/kustomization.yaml", "resources:\n- deploy.yaml\ncomponents:\n- ../../components/labels\n",
                "apps/web/deploy.yaml", Manifests.deployment("web"),
                "components/labels/kustomization.yaml", """
                        apiVersion: kustomize.config.k8s.io/v1alpha1
                        kind: Component
                        labels:
                        - pairs:
                            component: labels
                        """,
                "components/replicas/kustomization.yaml", replicas);

        RenderedBundle bundle = renderAndCompare("components", "apps/web", Map.of(
                        "components", List.of("../../components/replicas", "../../components/absent"),
                        "ignoreMissingComponents", true), repository, """
                resources:
                - deploy.yaml
                components:
                - ../../components/labels
                - ../../components/replicas
                """);
        Map<String, Object> web = Manifests.object(bundle, "Deployment", "web");
        assertEquals(3, ((Map<?, ?>) web.get("spec")).get("replicas"));
        assertEquals(Map.of("component", "labels"), Manifests.metadata(web).get("labels"));
    }

    @Test
    void targetNamespaceIsSetOnNamespacedObjectsOnly() {
        Map<String, String> repository = Map.of(
                "apps/ns/rbac.yaml", """
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRole
                        metadata:
                          name: reader
                        rules:
                        - apiGroups: [""]
                          resources: [pods]
                          verbs: [get]
                        ---
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRoleBinding
                        metadata:
                          name: reader
                        roleRef:
                          apiGroup: rbac.authorization.k8s.io
                          kind: ClusterRole
                          name: reader
                        subjects:
                        - kind: ServiceAccount
                          name: web
                          namespace: elsewhere
                        ---
                        apiVersion: v1
                        kind: ServiceAccount
                        metadata:
                          name: web
                          namespace: elsewhere
                        """,
                "apps/ns/web.yaml", deployment("web", "  namespace: elsewhere\n"));

        RenderedBundle bundle = renderAndCompare("namespaced", "apps/ns", Map.of("targetNamespace", "production"),
                repository, "namespace: production\nresources:\n- ./rbac.yaml\n- ./web.yaml\n");
        for (Map<String, Object> object : bundle.objects()) {
            boolean clusterScoped = object.get("kind").toString().startsWith("Cluster");
            assertEquals(clusterScoped ? null : "production", Manifests.metadata(object).get("namespace"),
                    object.toString());
        }
    }

    /** The seed's §3.3 Kustomization over a base/overlays repository laid out like the seed's. */
    @Test
    void theSeedsWebAppKustomizationPatchesProductionToFiveReplicas() {
        Map<String, String> repository = Map.of(
                "base/web-app/kustomization.yaml", "resources:\n  - deployment.yaml\n  - service.yaml\n",
                "base/web-app/deployment.yaml", deployment("web-app", "  labels:\n    app: web-app\n")
                        .replace("spec:\n  selector", "spec:\n  replicas: 2\n  selector"),
                "base/web-app/service.yaml", """
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web-svc
                        spec:
                          selector:
                            app: web-app
                          ports:
                            - port: 80
                              targetPort: 80
                        """,
                "production/web-app/kustomization.yaml", PRODUCTION_OVERLAY,
                "production/web-app/settings.yaml", Manifests.configMap("web-app-settings"));
        Map<String, Object> spec = Map.of("wait", true, "timeout", "5m", "targetNamespace", "production",
                "dependsOn", List.of(Map.of("name", "infrastructure")),
                "healthChecks", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "web-app",
                        "namespace", "production")),
                "patches", List.of(Map.of("patch", "- op: replace\n  path: /spec/replicas\n  value: 5\n",
                        "target", Map.of("kind", "Deployment", "name", "web-app"))));

        // Flux sets the namespace and appends its patch to the overlay's own.
        RenderedBundle bundle = renderAndCompare("web-app", "production/web-app", spec, repository,
                "namespace: production\n" + PRODUCTION_OVERLAY + replicasPatch(5));
        Map<String, Object> deployment = Manifests.object(bundle, "Deployment", "web-app");
        assertEquals(5, ((Map<?, ?>) deployment.get("spec")).get("replicas"));
        assertTrue(bundle.objects().stream().allMatch(o -> "production".equals(Manifests.metadata(o).get("namespace"))));
        assertEquals(List.of("ConfigMap/web-app-settings", "Service/web-svc", "Deployment/web-app"),
                Manifests.names(bundle));
    }
}
