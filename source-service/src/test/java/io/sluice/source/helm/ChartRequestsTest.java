package io.sluice.source.helm;

import io.sluice.api.source.ChartVersionRange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.source.config.InvalidFieldException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What HelmReleases and Argo CD Applications ask for, and how a bad request is named. */
class ChartRequestsTest {
    private static final ObjectRef RELEASE = new ObjectRef("helm.toolkit.fluxcd.io/v2beta1", "HelmRelease", "apps",
            "ingress");

    @Test
    void aHelmReleaseNamesItsChartAndRepository() {
        WantedChart wanted = HelmReleaseCharts.parse(release(Map.of("chart", "ingress-nginx", "version", "4.8.x",
                "sourceRef", Map.of("kind", "HelmRepository", "name", "ingress-nginx"), "valuesFiles", List.of("a.yaml"),
                "verify", Map.of("provider", "cosign"))));
        assertEquals("source.toolkit.fluxcd.io/HelmChart/apps/apps-ingress", wanted.ref().id());
        assertEquals(new ChartRequest("ingress-nginx", ChartVersionRange.parse("4.8.x"),
                "source.toolkit.fluxcd.io/HelmRepository/apps/ingress-nginx"), wanted.request());
        assertNull(wanted.implicitRepository());
        assertEquals(List.of("spec.chart.spec.valuesFiles", "spec.chart.spec.verify"),
                HelmReleaseCharts.unsupportedFields(release(Map.of("chart", "x", "valuesFiles", List.of(),
                        "verify", Map.of())).document()));
    }

    @Test
    void aBadHelmReleaseNamesTheField() {
        assertEquals("spec.chart.spec.chart is required", assertThrows(InvalidFieldException.class,
                () -> HelmReleaseCharts.parse(release(Map.of("sourceRef", Map.of("kind", "HelmRepository",
                        "name", "r"))))).getMessage());
        assertEquals("spec.chart.spec.version: 'one-ish' is not a version or semver range (e.g. '1.2.3', '4.8.x',"
                + " '>=1.0.0 <2.0.0')", assertThrows(InvalidFieldException.class,
                        () -> HelmReleaseCharts.parse(release(Map.of("chart", "web", "version", "one-ish",
                                "sourceRef", Map.of("kind", "HelmRepository", "name", "r"))))).getMessage());
        assertEquals("spec.chart.spec.sourceRef.kind must be HelmRepository, GitRepository or Bucket, not 'Helm'",
                assertThrows(InvalidFieldException.class, () -> HelmReleaseCharts.parse(release(Map.of("chart", "web",
                        "sourceRef", Map.of("kind", "Helm", "name", "r"))))).getMessage());
    }

    @Test
    void anApplicationAsksForTheChartsOfItsHelmSources() {
        ArgoHelmCharts.Parsed parsed = ArgoHelmCharts.parse(Map.of("spec", Map.of("sources", List.of(
                Map.of("repoURL", "https://git.example/apps.git", "path", "base"),
                Map.of("repoURL", "https://charts.example/stable/", "chart", "redis", "targetRevision", 18.1),
                Map.of("chart", "orphan"),
                Map.of("repoURL", "https://charts.example/stable", "chart", "db", "targetRevision", "soon")))),
                Duration.ofMinutes(3));
        assertEquals(1, parsed.charts().size());
        WantedChart redis = parsed.charts().get(0);
        assertEquals(ArgoSourceIds.helmChartSource("https://charts.example/stable", "redis", "18.1"), redis.ref());
        assertEquals("18.1", redis.request().version().toString());
        assertEquals(ArgoSourceIds.helmRepository("https://charts.example/stable"), redis.implicitRepository().ref());
        assertEquals(Duration.ofMinutes(3), redis.implicitRepository().spec().interval());
        assertEquals(List.of("spec.sources[2].repoURL is required with spec.sources[2].chart",
                "spec.sources[3].targetRevision: 'soon' is not a version or semver range (e.g. '1.2.3', '4.8.x',"
                        + " '>=1.0.0 <2.0.0')"), parsed.problems());
    }

    private static ConfigDocument release(Map<String, Object> template) {
        return ConfigDocument.of(RELEASE, "test", Map.of("spec", Map.of("interval", "5m",
                "chart", Map.of("spec", template))));
    }
}
