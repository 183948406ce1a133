package io.sluice.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.ReadResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelmRepositoryTest {

    @Test
    void readsTheGuidesHelmRepositoryVerbatim() {
        HelmRepository ingress = Documents.clean(HelmRepository.KIND, "seed/helmrelease-nginx-ingress.yaml").get(0);
        assertEquals(new ObjectRef("source.toolkit.fluxcd.io/v1beta2", "HelmRepository", "flux-system",
                "ingress-nginx"), ingress.ref());
        assertEquals("https://kubernetes.github.io/ingress-nginx", ingress.spec().url());
        assertEquals(Duration.ofHours(24), ingress.spec().interval());
        assertEquals(Duration.ofMinutes(1), ingress.spec().timeout());
        assertNull(ingress.spec().secretRef());
        assertFalse(ingress.spec().suspend());
    }

    @Test
    void readsFluxsOwnExample() {
        HelmRepository podinfo = Documents.clean(HelmRepository.KIND, "upstream/helmrepository-podinfo.yaml").get(0);
        assertEquals("https://stefanprodan.github.io/podinfo", podinfo.spec().url());
        assertEquals(Duration.ofMinutes(5), podinfo.spec().interval());
        assertEquals(Duration.ofMinutes(1), podinfo.spec().timeout());
    }

    @Test
    void anOciRepositoryIsAnErrorNoStageCanFetchIt() {
        ReadResult<? extends Resource> read = Documents.file("upstream/helmrepository-podinfo-oci.yaml").get(0);
        assertEquals(List.of("upstream/helmrepository-podinfo-oci.yaml:3 (document 1): HelmRepository"
                + " default/podinfo: spec.type 'oci' is not supported by Sluice yet (it reads Helm repositories over"
                + " http and https: type default)"), read.errorMessages());
        assertEquals(List.of(), read.warnings());
    }

    @Test
    void theIntervalIsOptionalInV1AndRequiredInV1beta2() {
        HelmRepository v1 = Documents.valid(HelmRepository.KIND, """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: charts}
                spec: {url: 'https://charts.example.com/', type: default}
                """);
        assertEquals(Duration.ofMinutes(1), v1.spec().interval(), "Flux's GetRequeueAfter");
        assertEquals(Duration.ofMinutes(1), v1.spec().timeout(), "Flux's GetTimeout");
        ReadResult<HelmRepository> v1beta2 = Documents.one(HelmRepository.KIND, "charts.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1beta2
                kind: HelmRepository
                metadata: {name: charts}
                spec: {url: 'https://charts.example.com/'}
                """);
        assertEquals(List.of("charts.yaml:1 (document 1): HelmRepository default/charts: spec.interval is required"),
                v1beta2.errorMessages());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<HelmRepository> read = Documents.one(HelmRepository.KIND, "infra/charts.yaml", """

                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata:
                  name: charts
                  namespace: flux-system
                spec:
                  url: ftp://reader:s3cret@charts.example.com/stable
                  interval: 0s
                  timeout: soon
                  provider: oracle
                  secretRef: charts-auth
                """);
        String where = "infra/charts.yaml:2 (document 1): HelmRepository flux-system/charts: ";
        assertEquals(List.of(
                where + "spec.url must be an http:// or https:// URL, not 'ftp://charts.example.com/stable'",
                where + "spec.interval must be longer than 0, not '0s'",
                where + "spec.provider must be generic, aws, azure or gcp, not 'oracle'",
                where + "spec.timeout must be a duration such as 30s, 5m or 1h30m, not 'soon'",
                where + "spec.secretRef must be a mapping, not 'charts-auth'"),
                read.errorMessages());
        assertEquals(List.of("spec.url must be an http:// or https:// URL"), errors("url: charts.example.com"));
        assertEquals(List.of("spec.url must be an http:// or https:// URL, not 'https:///stable'"),
                errors("url: 'https:///stable'"), "no host");
        assertEquals(List.of("spec.type must be default or oci, not 'git'", "spec.url is required"),
                errors("type: git"));
    }

    @Test
    void fieldsSluiceDoesNotActOnAreWarningsNotErrors() {
        ReadResult<HelmRepository> read = Documents.one(HelmRepository.KIND, "charts.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: charts, namespace: flux-system}
                spec:
                  url: https://charts.example.com
                  interval: 10m
                  secretRef: {name: charts-auth}
                  passCredentials: true
                  certSecretRef: {name: charts-ca}
                  provider: generic
                  insecure: false
                  accessFrom: {namespaceSelectors: []}
                  suspend: true
                """);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(List.of(
                "spec.passCredentials is not supported by Sluice yet, ignored: credentials are sent to the"
                        + " repository's own host only",
                "spec.certSecretRef is not supported by Sluice yet, ignored: the system's trusted certificates are"
                        + " used"),
                read.warnings().stream().map(Object::toString).toList());
        assertEquals(new LocalReference("charts-auth"), read.value().spec().secretRef());
        assertTrue(read.value().spec().suspend());
        assertEquals(List.of(), Documents.one(HelmRepository.KIND, "charts.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: charts}
                spec: {url: 'https://charts.example.com', passCredentials: false}
                """).problems(), "passCredentials: false is what Sluice does");
    }

    private static List<String> errors(String fields) {
        return Documents.errors(HelmRepository.KIND, """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: charts}
                spec:
                """ + fields.indent(2));
    }
}
