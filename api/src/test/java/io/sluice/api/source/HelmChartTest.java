package io.sluice.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.Kinds;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.read.ReadResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelmChartTest {
    private static final String NOT_ACTED_ON = "HelmChart documents are read and checked, but no stage acts on them"
            + " yet: Sluice will fetch their chart as it fetches the chart of a HelmRelease's spec.chart";

    @Test
    void readsFluxsOwnExampleAndSaysNoStageActsOnItYet() {
        List<ReadResult<? extends Resource>> read = Documents.file("upstream/helmchart-podinfo.yaml");
        assertEquals(1, read.size());
        assertEquals(List.of(), read.get(0).errorMessages());
        assertEquals(List.of("upstream/helmchart-podinfo.yaml:3 (document 1): HelmChart default/podinfo: "
                + NOT_ACTED_ON), read.get(0).warningMessages());
        HelmChart chart = (HelmChart) read.get(0).value();
        assertEquals(new ObjectRef("source.toolkit.fluxcd.io/v1", "HelmChart", "default", "podinfo"), chart.ref());
        HelmChart.Spec spec = chart.spec();
        assertEquals("podinfo", spec.chart());
        assertEquals("5.*", spec.version().toString());
        assertEquals(new SourceReference("HelmRepository", "podinfo", "default"), spec.sourceRef());
        assertEquals(Duration.ofMinutes(5), spec.interval());
        assertEquals(HelmChart.CHART_VERSION, spec.reconcileStrategy());
        assertEquals(List.of(), spec.valuesFiles());
        assertFalse(spec.suspend());
        assertNull(spec.verify());
        assertFalse(Kinds.isApplication(chart.ref()));
    }

    @Test
    void readsEveryField() {
        HelmChart.Spec spec = Documents.valid(HelmChart.KIND, """
                apiVersion: source.toolkit.fluxcd.io/v1beta2
                kind: HelmChart
                metadata: {name: web, namespace: apps}
                spec:
                  chart: ./charts/web
                  sourceRef: {kind: GitRepository, name: web}
                  interval: 10m
                  reconcileStrategy: Revision
                  valuesFile: values.yaml
                  valuesFiles: [values-prod.yaml]
                  ignoreMissingValuesFiles: true
                  suspend: true
                """).spec();
        assertEquals("*", spec.version().toString(), "the newest, when not written");
        assertEquals("source.toolkit.fluxcd.io/GitRepository/apps/web", spec.sourceRef().id());
        assertEquals(HelmChart.REVISION, spec.reconcileStrategy());
        assertEquals(List.of("values.yaml", "values-prod.yaml"), spec.valuesFiles(), "v1beta2's valuesFile first");
        assertTrue(spec.ignoreMissingValuesFiles());
        assertTrue(spec.suspend());

        HelmChart.Verification verify = Documents.valid(HelmChart.KIND, """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmChart
                metadata: {name: web, namespace: apps}
                spec:
                  chart: web
                  sourceRef: {kind: HelmRepository, name: oci-charts}
                  interval: 10m
                  verify:
                    matchOIDCIdentity:
                      - issuer: "^https://token.actions.githubusercontent.com$"
                        subject: "^https://github.com/example/web.*$"
                """).spec().verify();
        assertEquals(new HelmChart.Verification("cosign", null, List.of(new HelmChart.OidcIdentity(
                "^https://token.actions.githubusercontent.com$", "^https://github.com/example/web.*$"))), verify);
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<HelmChart> read = Documents.one(HelmChart.KIND, "charts.yaml", """
                ---
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmChart
                metadata: {name: web, namespace: apps}
                spec:
                  version: v-next
                  sourceRef: {kind: OCIRepository, name: web, namespace: other}
                  reconcileStrategy: Always
                  verify: {provider: gpg, secretRef: {name: keys}}
                """);
        String where = "charts.yaml:2 (document 1): HelmChart apps/web: ";
        assertEquals(List.of(
                where + "spec.chart is required",
                where + "spec.version 'v-next' is not a version or semver range (e.g. '1.2.3', '4.8.x', '>=1.0.0"
                        + " <2.0.0')",
                where + "spec.sourceRef.kind must be HelmRepository, GitRepository or Bucket, not 'OCIRepository'",
                where + "spec.interval is required",
                where + "spec.reconcileStrategy must be ChartVersion or Revision, not 'Always'",
                where + "spec.verify.provider must be cosign or notation, not 'gpg'"),
                read.errorMessages());
        assertEquals(List.of(NOT_ACTED_ON, "spec.sourceRef.namespace is not a field Sluice knows, ignored"),
                read.warnings().stream().map(Object::toString).toList());
    }

    @Test
    void verificationIsForHelmRepositoriesOnly() {
        ReadResult<HelmChart> read = Documents.one(HelmChart.KIND, "charts.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmChart
                metadata: {name: web, namespace: apps}
                spec:
                  chart: ./charts/web
                  sourceRef: {kind: Bucket, name: charts}
                  interval: 1h
                  verify: {provider: notation, secretRef: {name: trust}}
                """);
        assertEquals(List.of("spec.verify is only supported when spec.sourceRef.kind is HelmRepository"),
                read.errors().stream().map(Object::toString).toList());
    }
}
