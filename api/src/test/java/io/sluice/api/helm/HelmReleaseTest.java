package io.sluice.api.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.Kinds;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.kustomize.Image;
import io.sluice.api.meta.DataReference;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.meta.SecretKeyReference;
import io.sluice.api.read.ReadResult;
import io.sluice.api.source.HelmChart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmReleaseTest {

    @Test
    void readsTheGuidesHelmReleaseVerbatimWithItsRemediationAndRollbackAsWarnings() {
        ReadResult<HelmRelease> read = release("seed/helmrelease-nginx-ingress.yaml");
        assertEquals(List.of(), read.errorMessages());
        assertEquals(List.of(
                "seed/helmrelease-nginx-ingress.yaml:11 (document 2): HelmRelease flux-system/nginx-ingress:"
                        + " spec.rollback.recreate is not supported by Sluice yet, ignored: Sluice does not roll"
                        + " releases back",
                "seed/helmrelease-nginx-ingress.yaml:11 (document 2): HelmRelease flux-system/nginx-ingress:"
                        + " spec.upgrade.remediation.retries is not supported by Sluice yet, ignored: Sluice retries a"
                        + " failed release at spec.interval, without rollback or uninstall"),
                read.warningMessages());
        HelmRelease release = read.value();
        HelmRelease.Spec spec = release.spec();
        assertEquals(new ObjectRef("helm.toolkit.fluxcd.io/v2beta1", "HelmRelease", "flux-system", "nginx-ingress"),
                release.ref());
        assertEquals("ingress-nginx", spec.chart().chart());
        assertEquals("4.8.x", spec.chart().version().toString());
        assertEquals("source.toolkit.fluxcd.io/HelmRepository/flux-system/ingress-nginx", spec.chart().sourceRef().id());
        assertEquals(Duration.ofMinutes(10), spec.interval());
        assertEquals(Duration.ofMinutes(10), spec.chart().interval(), "the release's interval, when not written");
        assertEquals(HelmChart.CHART_VERSION, spec.chart().reconcileStrategy());
        assertEquals("ingress-nginx", spec.targetNamespace());
        assertEquals("ingress-nginx", release.releaseNamespace());
        assertEquals("ingress-nginx-nginx-ingress", spec.releaseName(), "Flux's [targetNamespace-]name");
        assertTrue(spec.install().createNamespace());
        assertEquals(Map.of("replicaCount", 3, "service", Map.of("type", "LoadBalancer", "annotations",
                Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb")), "resources", Map.of(
                        "requests", Map.of("cpu", "100m", "memory", "128Mi"),
                        "limits", Map.of("cpu", "500m", "memory", "512Mi"))), spec.values().get("controller"));
        assertEquals(HelmRelease.DEFAULT_TIMEOUT, spec.timeout());
        assertEquals(DriftDetectionMode.DISABLED, spec.driftDetection());
        assertTrue(spec.waitForObjects());
        assertFalse(spec.skipCrds());
        assertFalse(spec.upgrade().force());
        assertNull(spec.kubeConfig());
        assertEquals(List.of(), spec.dependsOn());
    }

    @Test
    void readsFluxsOwnExampleWarningAboutWhatHelmItselfWouldDo() {
        ReadResult<HelmRelease> read = release("upstream/helmrelease-podinfo.yaml");
        assertEquals(List.of(), read.errorMessages());
        assertEquals(List.of(
                "spec.test.enable is not supported by Sluice yet, ignored: Sluice runs no Helm tests",
                "spec.install.remediation.retries is not supported by Sluice yet, ignored: Sluice retries a failed"
                        + " release at spec.interval, without rollback or uninstall",
                "spec.upgrade.remediation.retries is not supported by Sluice yet, ignored: Sluice retries a failed"
                        + " release at spec.interval, without rollback or uninstall",
                "spec.driftDetection.ignore is not supported by Sluice yet, ignored: every change counts as drift"),
                read.warnings().stream().map(Object::toString).toList());
        HelmRelease.Spec spec = read.value().spec();
        assertEquals("podinfo", spec.releaseName());
        assertNull(spec.targetNamespace());
        assertEquals("default", read.value().releaseNamespace());
        assertEquals(Duration.ofMinutes(15), spec.interval());
        assertEquals(Duration.ofMinutes(5), spec.chart().interval());
        assertEquals("6.5.*", spec.chart().version().toString());
        assertEquals("source.toolkit.fluxcd.io/HelmRepository/default/podinfo", spec.chart().sourceRef().id());
        assertEquals(DriftDetectionMode.ENABLED, spec.driftDetection());
        assertEquals(Map.of("replicaCount", 2), spec.values());
    }

    @Test
    void theChartSourceIsTheHelmChartFluxWouldMakeAndKeysTheChartsArtifacts() {
        HelmRelease release = valid("""
                metadata: {name: web, namespace: apps}
                spec:
                  interval: 5m
                  chart:
                    spec:
                      chart: web
                      sourceRef: {kind: HelmRepository, name: charts, namespace: flux-system}
                """);
        assertEquals(new ObjectRef("source.toolkit.fluxcd.io/v1", "HelmChart", "apps", "apps-web"),
                release.chartSource());
        assertEquals("source.toolkit.fluxcd.io/HelmChart/apps/apps-web", release.chartSource().id());
        assertTrue(HelmChart.KIND.matches(release.chartSource()));
        assertEquals("source.toolkit.fluxcd.io/HelmRepository/flux-system/charts",
                release.spec().chart().sourceRef().id());
        assertTrue(Kinds.isApplication(release.ref()));
        assertTrue(Kinds.isApplication(release.ref().id()));
        assertFalse(Kinds.isApplication(release.chartSource()));
    }

    @Test
    void defaults() {
        HelmRelease release = valid("""
                metadata: {name: web, namespace: apps}
                spec:
                  interval: 10m
                  chart:
                    spec:
                      chart: web
                      sourceRef: {kind: HelmRepository, name: charts}
                """);
        HelmRelease.Spec spec = release.spec();
        assertEquals("web", spec.releaseName(), "the name, without a targetNamespace");
        assertEquals("apps", release.releaseNamespace());
        assertEquals("source.toolkit.fluxcd.io/HelmRepository/apps/charts", spec.chart().sourceRef().id(),
                "the release's namespace");
        assertEquals("*", spec.chart().version().toString());
        assertEquals(Duration.ofMinutes(10), spec.chart().interval());
        assertEquals(Duration.ofMinutes(5), spec.timeout());
        assertEquals(CrdPolicy.CREATE, spec.install().crds());
        assertEquals(CrdPolicy.CREATE, spec.upgrade().crds());
        assertFalse(spec.install().createNamespace());
        assertFalse(spec.suspend());
        assertEquals(Map.of(), spec.values());
        assertEquals(List.of(), spec.valuesFrom());
        assertEquals(List.of(), spec.postRenderers());
        assertEquals(DriftDetectionMode.DISABLED, spec.driftDetection());
        assertTrue(spec.waitForObjects());
    }

    @Test
    void aDefaultReleaseNameLongerThanHelmAllowsIsShortenedAsFluxDoes() {
        // helm-controller's own case (internal/release/name_test.go).
        assertEquals("release-name-with-very-long-name-which-i-788ca0d0d7b0",
                HelmRelease.shortened("release-name-with-very-long-name-which-is-longer-than-53-characters"));
        assertEquals("release-name", HelmRelease.shortened("release-name"));
        String atTheLimit = "a".repeat(53);
        assertEquals(atTheLimit, HelmRelease.shortened(atTheLimit));

        HelmRelease release = valid("""
                metadata: {name: very-long-name-which-is-longer-than-53-characters, namespace: apps}
                spec:
                  interval: 10m
                  targetNamespace: release-name-with
                  chart: {spec: {chart: web, sourceRef: {kind: HelmRepository, name: charts}}}
                """);
        assertEquals("release-name-with-very-long-name-which-i-788ca0d0d7b0", release.spec().releaseName());
        assertEquals(53, release.spec().releaseName().length());
    }

    @Test
    void writtenValuesAndOptionsAreRead() {
        HelmRelease.Spec spec = valid("""
                metadata: {name: web, namespace: apps}
                spec:
                  interval: 1h
                  timeout: 10m
                  suspend: true
                  releaseName: web-release
                  targetNamespace: web
                  chart:
                    spec:
                      chart: web
                      version: ">= 1.0.0, < 2.0.0"
                      sourceRef: {kind: HelmRepository, name: charts}
                      interval: 30m
                      reconcileStrategy: Revision
                  valuesFrom:
                    - kind: ConfigMap
                      name: web-values
                    - kind: Secret
                      name: web-secrets
                      valuesKey: password
                      targetPath: auth.password
                      optional: true
                  install:
                    createNamespace: true
                    crds: Skip
                    disableWait: true
                  upgrade:
                    force: true
                    crds: CreateReplace
                  driftDetection:
                    mode: warn
                  dependsOn:
                    - name: database
                    - name: cert-manager
                      namespace: cert-manager
                  kubeConfig:
                    secretRef: {name: prod-kubeconfig, key: value}
                  postRenderers:
                    - kustomize:
                        patches:
                          - target: {kind: Deployment, name: web}
                            patch: |
                              - op: add
                                path: /metadata/labels/team
                                value: web
                        images:
                          - name: web
                            newTag: 1.2.3
                """).spec();
        assertEquals(Duration.ofMinutes(10), spec.timeout());
        assertTrue(spec.suspend());
        assertEquals("web-release", spec.releaseName());
        assertEquals(">= 1.0.0, < 2.0.0", spec.chart().version().toString());
        assertEquals(Duration.ofMinutes(30), spec.chart().interval());
        assertEquals(HelmChart.REVISION, spec.chart().reconcileStrategy());
        assertEquals(List.of(new DataReference("ConfigMap", "web-values", "values.yaml", null, false),
                new DataReference("Secret", "web-secrets", "password", "auth.password", true)), spec.valuesFrom());
        assertTrue(spec.skipCrds());
        assertEquals(CrdPolicy.CREATE_REPLACE, spec.upgrade().crds());
        assertFalse(spec.waitForObjects());
        assertTrue(spec.upgrade().force());
        assertEquals(DriftDetectionMode.WARN, spec.driftDetection());
        assertEquals(List.of(new NamespacedReference("database", "apps"),
                new NamespacedReference("cert-manager", "cert-manager")), spec.dependsOn());
        assertEquals(new SecretKeyReference("prod-kubeconfig", "value"), spec.kubeConfig());
        HelmRelease.PostRenderer postRenderer = spec.postRenderers().get(0);
        assertEquals(Map.of("kind", "Deployment", "name", "web"), postRenderer.patches().get(0).target());
        assertTrue(postRenderer.patches().get(0).patch().contains("path: /metadata/labels/team"));
        assertEquals(List.of(new Image("web", null, "1.2.3", null)), postRenderer.images());
    }

    @Test
    void theDeprecatedSkipCrdsSkipsUnlessACrdPolicyIsWritten() {
        assertEquals(CrdPolicy.SKIP, install("{skipCRDs: true}").crds());
        assertEquals(CrdPolicy.CREATE_REPLACE, install("{skipCRDs: true, crds: CreateReplace}").crds());
        assertEquals(CrdPolicy.CREATE, install("{skipCRDs: false}").crds());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<HelmRelease> read = Documents.one(HelmRelease.KIND, "clusters/prod/web.yaml", """
                # comment
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: web
                  namespace: apps
                spec:
                  interval: 10 minutes
                  chart:
                    spec:
                      version: one point two
                      sourceRef:
                        kind: GitRepository
                        name: charts
                  releaseName: Web_App
                  valuesFrom:
                    - kind: Vault
                      name: web-values
                  postRenderers:
                    - kustomize:
                        patches:
                          - patch: "{}"
                          - target: {kind: Deployment}
                  install:
                    crds: Always
                  upgrade:
                    force: "yes"
                  driftDetection:
                    mode: auto
                  dependsOn:
                    - namespace: databases
                  kubeConfig:
                    configMapRef: {name: cluster}
                """);
        assertFalse(read.valid());
        String where = "clusters/prod/web.yaml:2 (document 1): HelmRelease apps/web: ";
        assertEquals(List.of(
                where + "spec.interval must be a duration such as 30s, 5m or 1h30m, not '10 minutes'",
                where + "spec.chart.spec.chart is required",
                where + "spec.chart.spec.version 'one point two' is not a version or semver range (e.g. '1.2.3',"
                        + " '4.8.x', '>=1.0.0 <2.0.0')",
                where + "spec.chart.spec.sourceRef.kind 'GitRepository' is not supported by Sluice yet (it reads"
                        + " HelmRepository)",
                where + "spec.releaseName must be at most 53 lowercase letters, digits, '-' and '.', starting and"
                        + " ending with a letter or digit (Helm's rule for release names), not 'Web_App'",
                where + "spec.valuesFrom[0].kind must be ConfigMap or Secret, not 'Vault'",
                where + "spec.postRenderers[0].kustomize.patches[1].patch is required",
                where + "spec.install.crds must be Skip, Create or CreateReplace, not 'Always'",
                where + "spec.upgrade.force must be true or false, not 'yes'",
                where + "spec.driftDetection.mode must be enabled, warn or disabled, not 'auto'",
                where + "spec.dependsOn[0].name is required",
                where + "spec.kubeConfig.secretRef is required"),
                read.errorMessages());
    }

    @Test
    void chartRefAndOtherChartSourcesAreErrorsUntilSluiceFetchesThem() {
        ReadResult<HelmRelease> chartRef = Documents.one(HelmRelease.KIND, "web.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: web, namespace: apps}
                spec:
                  interval: 5m
                  chartRef: {kind: OCIRepository, name: web-chart}
                """);
        assertEquals(List.of("spec.chartRef is not supported by Sluice yet: name the chart in spec.chart.spec, with"
                + " a HelmRepository sourceRef"), chartRef.errors().stream().map(Object::toString).toList());

        ReadResult<HelmRelease> bucket = Documents.one(HelmRelease.KIND, "web.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2beta2
                kind: HelmRelease
                metadata: {name: web, namespace: apps}
                spec:
                  interval: 5m
                  chart: {spec: {chart: ./charts/web, sourceRef: {kind: Bucket, name: charts}}}
                """);
        assertEquals(List.of("spec.chart.spec.sourceRef.kind 'Bucket' is not supported by Sluice yet (it reads"
                + " HelmRepository)"), bucket.errors().stream().map(Object::toString).toList());
    }

    @Test
    void requiredFieldsAndVersions() {
        ReadResult<HelmRelease> read = Documents.one(HelmRelease.KIND, "web.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2alpha1
                kind: HelmRelease
                metadata: {name: web}
                spec:
                  values: {replicaCount: 2}
                """);
        assertEquals(List.of("apiVersion 'helm.toolkit.fluxcd.io/v2alpha1' is not a version of HelmRelease that"
                        + " Sluice reads (it reads helm.toolkit.fluxcd.io/v2, helm.toolkit.fluxcd.io/v2beta2,"
                        + " helm.toolkit.fluxcd.io/v2beta1)",
                "spec.interval is required", "spec.chart is required"),
                read.errors().stream().map(Object::toString).toList());

        ReadResult<HelmRelease> noTemplate = Documents.one(HelmRelease.KIND, "web.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: web}
                spec:
                  interval: 5m
                  chart: {metadata: {labels: {team: web}}}
                """);
        assertEquals(List.of("spec.chart.spec is required"),
                noTemplate.errors().stream().map(Object::toString).toList());
    }

    @Test
    void fieldsSluiceDoesNotActOnAreWarningsNotErrors() {
        ReadResult<HelmRelease> read = Documents.one(HelmRelease.KIND, "web.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: web, namespace: apps}
                spec:
                  interval: 5m
                  chart:
                    metadata: {labels: {team: web}}
                    spec:
                      chart: web
                      sourceRef: {kind: HelmRepository, name: charts}
                      valuesFiles: [values-prod.yaml]
                      verify: {provider: cosign}
                  serviceAccountName: deployer
                  storageNamespace: helm
                  maxHistory: 10
                  persistentClient: false
                  commonMetadata: {labels: {team: web}}
                  install:
                    disableHooks: true
                    timeout: 10m
                  upgrade:
                    preserveValues: true
                  uninstall:
                    keepHistory: true
                  dependsOn:
                    - name: database
                      readyExpr: "dep.status.ready"
                  postRenderers:
                    - kustomize:
                        patchesStrategicMerge:
                          - {kind: Deployment, metadata: {name: web}}
                  valus: {replicaCount: 2}
                """);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.serviceAccountName is not supported by Sluice yet, ignored: Sluice applies with its own"
                        + " identity",
                "spec.storageNamespace is not supported by Sluice yet, ignored: Sluice keeps no Helm release history:"
                        + " it applies the rendered objects itself",
                "spec.maxHistory is not supported by Sluice yet, ignored: Sluice keeps no Helm release history: it"
                        + " applies the rendered objects itself",
                "spec.commonMetadata is not supported by Sluice yet, ignored",
                "spec.valus is not a field Sluice knows, ignored",
                "spec.chart.metadata is not supported by Sluice yet, ignored: Sluice makes no HelmChart object to"
                        + " label",
                "spec.chart.spec.valuesFiles is not supported by Sluice yet, ignored: the chart's own values.yaml is"
                        + " used",
                "spec.chart.spec.verify is not supported by Sluice yet, ignored: Sluice does not verify chart"
                        + " signatures",
                "spec.uninstall.keepHistory is not supported by Sluice yet, ignored: Sluice renders the chart and"
                        + " applies its objects itself, without Helm's actions",
                "spec.postRenderers[0].kustomize.patchesStrategicMerge is not supported by Sluice yet, ignored: use"
                        + " patches",
                "spec.install.disableHooks is not supported by Sluice yet, ignored: Sluice renders the chart and"
                        + " applies its objects itself, without Helm's actions",
                "spec.install.timeout is not supported by Sluice yet, ignored: Sluice waits spec.timeout",
                "spec.upgrade.preserveValues is not supported by Sluice yet, ignored: Sluice renders the chart and"
                        + " applies its objects itself, without Helm's actions",
                "spec.dependsOn[0].readyExpr is not supported by Sluice yet, ignored: the dependency must be Ready"),
                read.warnings().stream().map(Object::toString).toList());
    }

    /** The one HelmRelease of a resource file, with its problems (its other documents are other kinds). */
    private static ReadResult<HelmRelease> release(String path) {
        List<ReadResult<? extends Resource>> releases = Documents.file(path).stream()
                .filter(read -> HelmRelease.KIND.matches(read.ref())).toList();
        assertEquals(1, releases.size());
        @SuppressWarnings("unchecked")
        ReadResult<HelmRelease> release = (ReadResult<HelmRelease>) releases.get(0);
        return release;
    }

    private static HelmRelease.Install install(String install) {
        return valid("""
                metadata: {name: web, namespace: apps}
                spec:
                  interval: 10m
                  chart: {spec: {chart: web, sourceRef: {kind: HelmRepository, name: charts}}}
                  install: %s
                """.formatted(install)).spec().install();
    }

    private static HelmRelease valid(String document) {
        return Documents.valid(HelmRelease.KIND, "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n" + document);
    }
}
