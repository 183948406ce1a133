package io.sluice.api.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.ObjectRef;
import io.sluice.api.meta.DataReference;
import io.sluice.api.meta.KindReference;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.read.ReadResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KustomizationTest {

    @Test
    void readsTheGuidesKustomizationVerbatim() {
        Kustomization web = Documents.clean(Kustomization.KIND, "seed/kustomization-web-app.yaml").get(0);
        Kustomization.Spec spec = web.spec();
        assertEquals(new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system", "web-app"),
                web.ref());
        assertEquals("source.toolkit.fluxcd.io/GitRepository/flux-system/k8s-manifests", spec.sourceRef().id());
        assertEquals("./production/web-app", spec.path());
        assertEquals(Duration.ofMinutes(5), spec.interval());
        assertEquals(Duration.ofMinutes(5), spec.retryInterval(), "the interval, when not written");
        assertEquals(Duration.ofMinutes(5), spec.timeout());
        assertTrue(spec.prune());
        assertTrue(spec.waitForAll());
        assertEquals("production", spec.build().targetNamespace());
        assertEquals(List.of(new NamespacedReference("infrastructure", "flux-system")), spec.dependsOn());
        assertEquals(List.of(new KindReference("apps/v1", "Deployment", "web-app", "production")),
                spec.healthChecks());
        assertEquals(1, spec.build().patches().size());
        assertEquals(Map.of("kind", "Deployment", "name", "web-app"), spec.build().patches().get(0).target());
        assertTrue(spec.build().patches().get(0).patch().contains("op: replace"));
    }

    @Test
    void readsFluxsOwnExampleWithItsDefaults() {
        Kustomization podinfo = Documents.clean(Kustomization.KIND, "upstream/kustomization-podinfo.yaml").get(0);
        assertEquals("./kustomize", podinfo.spec().path());
        assertEquals(Duration.ofMinutes(1), podinfo.spec().timeout());
        assertEquals(Duration.ofMinutes(10), podinfo.spec().retryInterval());
        assertFalse(podinfo.spec().suspend());
        assertNull(podinfo.spec().build().postBuild());
        assertNull(podinfo.spec().kubeConfig());
    }

    @Test
    void defaultTimeoutIsTheIntervalLessThirtySecondsAndAtLeastThirtySeconds() {
        assertEquals(Duration.ofSeconds(570), read("10m").spec().timeout());
        assertEquals(Duration.ofSeconds(30), read("45s").spec().timeout());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<Kustomization> read = Documents.one(Kustomization.KIND, "clusters/prod/apps.yaml", """
                # comment
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: apps
                  namespace: flux-system
                spec:
                  interval: 5 minutes
                  sourceRef:
                    kind: OCIRepository
                  prune: yes please
                  patches:
                    - target:
                        kind: Deployment
                  postBuild:
                    substituteFrom:
                      - kind: Vault
                        name: vars
                """);
        assertFalse(read.valid());
        assertEquals(List.of(
                "clusters/prod/apps.yaml:2 (document 1): Kustomization flux-system/apps: spec.sourceRef.kind"
                        + " 'OCIRepository' is not supported by Sluice yet (it reads GitRepository)",
                "clusters/prod/apps.yaml:2 (document 1): Kustomization flux-system/apps: spec.sourceRef.name"
                        + " is required",
                "clusters/prod/apps.yaml:2 (document 1): Kustomization flux-system/apps: spec.interval must be a"
                        + " duration such as 30s, 5m or 1h30m, not '5 minutes'",
                "clusters/prod/apps.yaml:2 (document 1): Kustomization flux-system/apps: spec.prune must be true or"
                        + " false, not 'yes please'",
                "clusters/prod/apps.yaml:2 (document 1): Kustomization flux-system/apps: spec.patches[0].patch"
                        + " is required",
                "clusters/prod/apps.yaml:2 (document 1): Kustomization flux-system/apps:"
                        + " spec.postBuild.substituteFrom[0].kind must be ConfigMap or Secret, not 'Vault'"),
                read.errorMessages());
    }

    @Test
    void fieldsSluiceDoesNotActOnAreWarningsNotErrors() {
        ReadResult<Kustomization> read = Documents.one(Kustomization.KIND, "apps.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec:
                  interval: 5m
                  prune: true
                  sourceRef: {kind: GitRepository, name: repo}
                  decryption: {provider: sops}
                  serviceAccountName: deployer
                  intervall: 1m
                  patches:
                    - patch: "{}"
                      target: {kind: Deployment, names: web}
                """);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.decryption is not supported by Sluice yet, ignored",
                "spec.serviceAccountName is not supported by Sluice yet, ignored: Sluice applies with its own"
                        + " identity",
                "spec.intervall is not a field Sluice knows, ignored",
                "spec.patches[0].target.names is not a field Sluice knows, ignored"),
                read.warnings().stream().map(Object::toString).toList());
    }

    @Test
    void readsEveryBuildOption() {
        Kustomization.Spec spec = Documents.valid(Kustomization.KIND, kustomization("""
                  targetNamespace: production
                  namePrefix: p-
                  nameSuffix: -s
                  patches:
                    - patch: "- op: remove\\n  path: /spec\\n"
                      target: {kind: Deployment, labelSelector: app=web}
                  images:
                    - {name: nginx, newTag: "1.27"}
                  components: [../components/a]
                  ignoreMissingComponents: true
                  commonMetadata:
                    labels: {team: shop}
                    annotations: {owner: me}
                  postBuild:
                    substitute: {cluster: eu}
                    substituteFrom:
                      - {kind: Secret, name: vars, optional: true}
                """)).spec();
        assertEquals(new Kustomization.BuildOptions("production", "p-", "-s",
                List.of(new Patch("- op: remove\n  path: /spec\n", Map.of("kind", "Deployment",
                        "labelSelector", "app=web"))),
                List.of(new Image("nginx", null, "1.27", null)), List.of("../components/a"), true,
                Map.of("team", "shop"), Map.of("owner", "me"), new Kustomization.PostBuild(false,
                        Map.of("cluster", "eu"), List.of(new DataReference("Secret", "vars", null, null, true)))),
                spec.build());
    }

    @Test
    void malformedBuildOptionsAreErrorsNamingTheField() {
        assertEquals(List.of("spec.namePrefix must be a string, not '7'", "spec.images[0].name is required",
                "spec.commonMetadata.labels.replicas must be a string, not '3'",
                "spec.postBuild.substituteStrategy must be WithVariables or Always, not 'Sometimes'"),
                Documents.errors(Kustomization.KIND, kustomization("""
                          namePrefix: 7
                          images:
                            - {newTag: "1.27"}
                          commonMetadata:
                            labels: {replicas: 3}
                          postBuild: {substituteStrategy: Sometimes}
                        """)));
    }

    @Test
    void requiredFieldsAndVersions() {
        ReadResult<Kustomization> read = Documents.one(Kustomization.KIND, "apps.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v9
                kind: Kustomization
                metadata: {name: Apps}
                spec: {sourceRef: {kind: GitRepository, name: repo}}
                """);
        assertEquals(List.of("metadata.name must be lowercase letters, digits, '-' and '.', starting and ending with"
                        + " a letter or digit (a DNS-1123 subdomain), not 'Apps'",
                "apiVersion 'kustomize.toolkit.fluxcd.io/v9' is not a version of Kustomization that Sluice reads (it"
                        + " reads kustomize.toolkit.fluxcd.io/v1, kustomize.toolkit.fluxcd.io/v1beta2)",
                "spec.interval is required", "spec.prune is required (true or false)"),
                read.errors().stream().map(Object::toString).toList());
    }

    /** A Kustomization web of the GitRepository repo, every 5m with prune, and {@code fields} of its spec. */
    private static String kustomization(String fields) {
        return """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: web, namespace: flux-system}
                spec:
                  interval: 5m
                  prune: true
                  sourceRef: {kind: GitRepository, name: repo}
                """ + fields;
    }

    private static Kustomization read(String interval) {
        return Documents.valid(Kustomization.KIND, """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec:
                  interval: %s
                  prune: false
                  sourceRef: {kind: GitRepository, name: repo}
                """.formatted(interval));
    }
}
