package io.sluice.api.image;

import static io.sluice.api.image.ImageRepositoryTest.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.meta.LabelSelector;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.ReadResult;
import io.sluice.api.source.SourceReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageUpdateAutomationTest {
    @Test
    void readsTheGuidesV1beta1AutomationVerbatim() {
        ReadResult<ImageUpdateAutomation> read = Documents.ofKind(ImageUpdateAutomation.KIND,
                "seed/image-automation.yaml").get(0);
        // Sluice gives v1beta1 templates the .Updated they read (image-service's Updated).
        assertEquals(List.of(), warnings(read));
        ImageUpdateAutomation.Spec spec = read.orElseThrow().spec();
        assertEquals(new SourceReference("GitRepository", "k8s-manifests", "flux-system"), spec.sourceRef());
        assertEquals(new GitUpdate.Checkout("main", null, null, null, null), spec.git().checkout());
        assertEquals(new GitUpdate.Author("FluxCD Bot", "fluxcdbot@example.com"), spec.git().commit().author());
        assertTrue(spec.git().commit().messageTemplate().startsWith("Automated image update\n"));
        assertEquals(new GitUpdate.Push("main", null, Map.of()), spec.git().push());
        assertEquals(new ImageUpdateAutomation.Update("./production/web-app", "Setters"), spec.update());
        assertEquals(Duration.ofMinutes(30), spec.interval());
        assertTrue(spec.policySelector().isEmpty());
    }

    @Test
    void readsFluxsOwnExample() {
        ReadResult<ImageUpdateAutomation> read = Documents.ofKind(ImageUpdateAutomation.KIND,
                "upstream/imageupdateautomation-podinfo-update.yaml").get(0);
        assertEquals(List.of(), warnings(read));
        ImageUpdateAutomation.Spec spec = read.orElseThrow().spec();
        assertEquals(new SourceReference("GitRepository", "podinfo", "default"), spec.sourceRef());
        assertNull(spec.git().checkout());
        assertEquals(new GitUpdate.Author("fluxcdbot", "fluxcdbot@users.noreply.github.com"),
                spec.git().commit().author());
        assertEquals("./", spec.update().path());
        // The example's ImageRepository and ImagePolicy read as well.
        assertEquals(1, Documents.clean(ImageRepository.KIND, "upstream/imageupdateautomation-podinfo-update.yaml")
                .size());
    }

    @Test
    void defaults() {
        ImageUpdateAutomation.Spec spec = Documents.valid(ImageUpdateAutomation.KIND, """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageUpdateAutomation
                metadata: {name: auto, namespace: apps}
                spec:
                  interval: 1h
                  sourceRef: {name: repo, namespace: flux-system}
                  git:
                    commit:
                      author: {email: bot@example.com}
                      signingKey: {secretRef: {name: signing}}
                      messageTemplateValues: {cluster: prod}
                    push:
                      refspec: refs/heads/main:refs/heads/auto
                      options: {merge_request.create: ""}
                  policySelector:
                    matchLabels: {auto: "true"}
                """).spec();
        assertEquals(new SourceReference("GitRepository", "repo", "flux-system"), spec.sourceRef(),
                "GitRepository when the kind is not written");
        assertEquals(new GitUpdate.Author(null, "bot@example.com"), spec.git().commit().author());
        assertEquals(new GitUpdate.SigningKey(new LocalReference("signing"), "gpg"), spec.git().commit().signingKey());
        assertNull(spec.git().commit().messageTemplate());
        assertEquals(Map.of("cluster", "prod"), spec.git().commit().messageTemplateValues());
        assertEquals(new GitUpdate.Push(null, "refs/heads/main:refs/heads/auto", Map.of("merge_request.create", "")),
                spec.git().push());
        assertEquals(new ImageUpdateAutomation.Update("", "Setters"), spec.update());
        assertEquals(new LabelSelector(Map.of("auto", "true"), List.of()), spec.policySelector());
        assertFalse(spec.suspend());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<ImageUpdateAutomation> read = Documents.one(ImageUpdateAutomation.KIND, "images/auto.yaml", """
                ---
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImageUpdateAutomation
                metadata: {name: auto, namespace: flux-system}
                spec:
                  interval: 0s
                  sourceRef: {kind: OCIRepository, name: repo}
                  git:
                    checkout: {}
                    commit:
                      author: {name: bot}
                      signingKey: {type: x509}
                      messageTemplate: '{{ range .Updated.Images }}{{ . }}{{ end }}'
                  update: {strategy: Regex}
                  policySelector:
                    matchExpressions:
                      - {key: team, operator: In}
                """);
        String where = "images/auto.yaml:2 (document 1): ImageUpdateAutomation flux-system/auto: ";
        assertEquals(List.of(
                where + "spec.sourceRef.kind must be GitRepository, not 'OCIRepository'",
                where + "spec.git.checkout.ref is required",
                where + "spec.git.commit.author.email is required",
                where + "spec.git.commit.messageTemplate uses .Updated, which Flux removed in v1beta2 (use .Changed)",
                where + "spec.git.commit.signingKey.secretRef is required",
                where + "spec.git.commit.signingKey.type must be gpg or ssh, not 'x509'",
                where + "spec.update.strategy must be Setters, not 'Regex'",
                where + "spec.interval must be longer than 0, not '0s'",
                where + "spec.policySelector.matchExpressions[0].values must not be empty for operator In"),
                read.errorMessages());
        assertEquals(List.of("spec.sourceRef is required", "spec.git is required (Flux needs it to update a"
                + " GitRepository)", "spec.interval is required"), Documents.one(ImageUpdateAutomation.KIND, "a.yaml", """
                        apiVersion: image.toolkit.fluxcd.io/v1
                        kind: ImageUpdateAutomation
                        metadata: {name: auto}
                        spec: {suspend: true}
                        """).errors().stream().map(Object::toString).toList());
    }

    @Test
    void unknownFieldsAreWarnings() {
        ReadResult<ImageUpdateAutomation> read = Documents.one(ImageUpdateAutomation.KIND, "a.yaml", """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImageUpdateAutomation
                metadata: {name: auto}
                spec:
                  interval: 1h
                  sourceRef: {kind: GitRepository, name: repo}
                  git:
                    commit: {author: {email: bot@example.com}}
                    push: {branch: auto, force: true}
                """);
        assertTrue(read.valid());
        assertEquals(List.of("spec.git.push.force is not a field Sluice knows, ignored"), warnings(read));
    }
}
