package io.sluice.source.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.api.Documents;
import io.sluice.api.argo.Application;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.argo.ImplicitSource;
import io.sluice.api.helm.HelmRelease;
import io.sluice.api.source.ChartVersionRange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What HelmReleases and Argo CD Applications ask for; a bad request is an error at configuration time
 * (api's HelmReleaseTest and ApplicationTest).
 */
class ChartRequestsTest {

    @Test
    void aHelmReleaseNamesItsChartAndRepository() {
        WantedChart wanted = WantedChart.of(Documents.valid(HelmRelease.KIND, """
                apiVersion: helm.toolkit.fluxcd.io/v2beta1
                kind: HelmRelease
                metadata: {name: ingress, namespace: apps}
                spec:
                  interval: 5m
                  chart:
                    spec:
                      chart: ingress-nginx
                      version: 4.8.x
                      sourceRef: {kind: HelmRepository, name: ingress-nginx}
                """));
        assertEquals("source.toolkit.fluxcd.io/HelmChart/apps/apps-ingress", wanted.ref().id(), "Flux's HelmChart name");
        assertEquals(new ChartRequest("ingress-nginx", ChartVersionRange.parse("4.8.x"),
                "source.toolkit.fluxcd.io/HelmRepository/apps/ingress-nginx"), wanted.request());
        assertNull(wanted.implicitRepository());
    }

    @Test
    void anApplicationAsksForTheChartsOfItsHelmSources() {
        Application application = Documents.valid(Application.KIND, """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop, namespace: argocd}
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc, namespace: shop}
                  sources:
                    - {repoURL: 'https://git.example/apps.git', path: base}
                    - {repoURL: 'https://charts.example/stable/', chart: redis, targetRevision: 18.1}
                """);
        List<WantedChart> charts = application.spec().origins().stream()
                .filter(ImplicitSource.HelmChart.class::isInstance)
                .map(chart -> WantedChart.of((ImplicitSource.HelmChart) chart, Duration.ofMinutes(3))).toList();
        assertEquals(1, charts.size());
        WantedChart redis = charts.get(0);
        assertEquals(ArgoSourceIds.helmChartSource("https://charts.example/stable", "redis", "18.1"), redis.ref());
        assertEquals("18.1", redis.request().version().toString());
        assertEquals(ArgoSourceIds.helmRepository("https://charts.example/stable"), redis.implicitRepository().ref());
        assertEquals(Duration.ofMinutes(3), redis.implicitRepository().spec().interval());
        assertEquals(Duration.ofMinutes(1), redis.implicitRepository().spec().timeout(), "Flux's timeout");
    }
}
