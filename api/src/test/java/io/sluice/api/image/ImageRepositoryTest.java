package io.sluice.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.ObjectRef;
import io.sluice.api.meta.GoRegex;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.ReadResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageRepositoryTest {

    @Test
    void readsTheGuidesImageRepositoryVerbatim() {
        ReadResult<ImageRepository> read = Documents.ofKind(ImageRepository.KIND, "seed/image-automation.yaml")
                .get(0);
        assertEquals(List.of(), warnings(read));
        ImageRepository.Spec spec = read.orElseThrow().spec();
        assertEquals(new ObjectRef("image.toolkit.fluxcd.io/v1beta2", "ImageRepository", "flux-system", "web-app"),
                read.ref());
        assertEquals("myregistry/web-app", spec.image());
        // "myregistry" has no dot, colon or port: Docker (and Flux) read it as a Docker Hub organisation.
        assertEquals(new ImageName("registry-1.docker.io", "myregistry/web-app"), spec.name());
        assertEquals(Duration.ofMinutes(1), spec.interval());
        assertEquals(Duration.ofMinutes(1), spec.timeout(), "the interval, when not written");
        assertEquals(new LocalReference("docker-registry-credentials"), spec.secretRef());
    }

    @Test
    void readsFluxsOwnExampleWithItsDefaults() {
        ImageRepository podinfo = Documents.clean(ImageRepository.KIND, "upstream/imagerepository-podinfo.yaml")
                .get(0);
        ImageRepository.Spec spec = podinfo.spec();
        assertEquals(new ImageName("registry-1.docker.io", "stefanprodan/podinfo"), spec.name());
        assertEquals(Duration.ofHours(1), spec.timeout());
        assertEquals(List.of(GoRegex.parse("^.*\\.sig$")), spec.exclusionList());
        assertFalse(spec.insecure());
        assertFalse(spec.suspend());
        assertNull(spec.secretRef());
        assertEquals(ImageRepository.DEFAULT_EXCLUSIONS.get(0), spec.exclusionList().get(0).expression());
    }

    @Test
    void timeoutIsAtLeastOneSecondAndAnEmptyExclusionListIsFluxsDefault() {
        ImageRepository.Spec spec = Documents.valid(ImageRepository.KIND, """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageRepository
                metadata: {name: app}
                spec:
                  image: ghcr.io/team/app
                  interval: 500ms
                  exclusionList: []
                """).spec();
        assertEquals(Duration.ofSeconds(1), spec.timeout());
        assertEquals(List.of(GoRegex.parse("^.*\\.sig$")), spec.exclusionList());
        ImageRepository.Spec written = Documents.valid(ImageRepository.KIND, """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageRepository
                metadata: {name: app}
                spec:
                  image: localhost:5000/app
                  interval: 10m
                  timeout: 30s
                  insecure: true
                  exclusionList: ['^sha-', '-rc\\d+$']
                """).spec();
        assertEquals(Duration.ofSeconds(30), written.timeout());
        assertEquals("http://localhost:5000/v2/app/tags/list", written.name().tagsUrl(written.insecure()));
        assertTrue(written.exclusionList().get(1).pattern().matcher("1.0.0-rc2").find());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<ImageRepository> read = Documents.one(ImageRepository.KIND, "images/app.yaml", """
                # the app's images
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImageRepository
                metadata:
                  name: app
                  namespace: flux-system
                spec:
                  image: ghcr.io/team/app:1.0
                  interval: soon
                  timeout: 0s
                  provider: docker
                  exclusionList: ['^.*\\.sig$', '(unclosed', '']
                  insecure: "yes"
                  secretRef: {}
                """);
        assertFalse(read.valid());
        String where = "images/app.yaml:2 (document 1): ImageRepository flux-system/app: ";
        assertEquals(List.of(
                where + "spec.image ghcr.io/team/app:1.0 names a tag or digest: give the repository only",
                where + "spec.interval must be a duration such as 30s, 5m or 1h30m, not 'soon'",
                where + "spec.timeout must be longer than 0, not '0s'",
                where + "spec.provider must be generic, aws, azure or gcp, not 'docker'",
                where + "spec.exclusionList[1] must be a valid regular expression, not '(unclosed' (unclosed group)",
                where + "spec.exclusionList[2] must not be empty (an empty expression matches every tag)",
                where + "spec.insecure must be true or false, not 'yes'",
                where + "spec.secretRef.name is required"),
                read.errorMessages());
        assertEquals(List.of("spec.image is required", "spec.interval is required"), Documents.one(
                ImageRepository.KIND, "images/app.yaml", """
                        apiVersion: image.toolkit.fluxcd.io/v1
                        kind: ImageRepository
                        metadata: {name: app}
                        spec: {image: ' '}
                        """).errors().stream().map(Object::toString).toList());
    }

    @Test
    void whatImageServiceDoesNotDoIsAWarning() {
        ReadResult<ImageRepository> read = Documents.one(ImageRepository.KIND, "images/app.yaml", """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageRepository
                metadata: {name: app, namespace: flux-system}
                spec:
                  image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app
                  interval: 5m
                  provider: aws
                  serviceAccountName: scanner
                  certSecretRef: {name: ca}
                  proxySecretRef: {name: proxy}
                  accessFrom: {namespaceSelectors: [{matchLabels: {team: a}}]}
                  intervall: 1m
                """);
        assertTrue(read.valid(), () -> read.errorMessages().toString());
        assertEquals(new LocalReference("ca"), read.orElseThrow().spec().certSecretRef());
        assertEquals(List.of(
                "spec.provider 'aws' is not supported by Sluice yet, ignored: image-service logs in with"
                        + " spec.secretRef only",
                "spec.serviceAccountName is not supported by Sluice yet, ignored: image-service logs in with"
                        + " spec.secretRef only",
                "spec.proxySecretRef is not supported by Sluice yet, ignored: image-service connects to the registry"
                        + " directly",
                "spec.accessFrom is not supported by Sluice yet, ignored: no stage acts on ImagePolicies yet",
                "spec.intervall is not a field Sluice knows, ignored"), warnings(read));
    }

    @Test
    void versionsAreFluxsV1AndV1beta2() {
        assertEquals(List.of("apiVersion 'image.toolkit.fluxcd.io/v1beta1' is not a version of ImageRepository that"
                + " Sluice reads (it reads image.toolkit.fluxcd.io/v1, image.toolkit.fluxcd.io/v1beta2)"),
                Documents.one(ImageRepository.KIND, "images/app.yaml", """
                        apiVersion: image.toolkit.fluxcd.io/v1beta1
                        kind: ImageRepository
                        metadata: {name: app}
                        spec: {image: app, interval: 1m}
                        """).errors().stream().map(Object::toString).toList());
    }

    static List<String> warnings(ReadResult<?> read) {
        return read.warnings().stream().map(Object::toString).toList();
    }
}
