package io.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sluice.api.status.Reasons;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import io.sluice.events.SourceArtifact;
import io.sluice.testkit.kafka.KafkaTestResource;
import io.sluice.testkit.process.Deadline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RenderFailureTest extends RenderTestBase {

    /** Renders {@code artifact} for a new Kustomization of folder {@code path} and returns its only error. */
    private static String onlyError(String name, String path, byte[] artifact) {
        RenderedBundle bundle = render(name, path, Map.of(), artifact);
        assertTrue(bundle.failed(), bundle.toString());
        assertEquals(List.of(), bundle.objects());
        assertNull(bundle.digest());
        assertEquals(1, bundle.errors().size(), bundle.errors().toString());
        return bundle.errors().get(0);
    }

    @Test
    void invalidYamlFailsNamingFileAndLineAndAFixSucceeds() {
        byte[] broken = new TarGz()
                .file("apps/web/config.yaml", Manifests.configMap("web"))
                .file("apps/web/deploy.yaml", Manifests.configMap("first") + """
                        ---
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                          labels: app: web
                        """)
                .bytes();
        String appId = topics.kustomization("invalid", "invalid-repo", "./apps/web");
        topics.artifact(server.serve(RenderTopics.sourceId("invalid-repo"), "main@sha1:aaaa", broken));

        RenderedBundle failed = topics.bundle(appId, "main@sha1:aaaa");
        String expected = "apps/web/deploy.yaml: line 12: mapping values are not allowed here";
        assertEquals(List.of(expected), failed.errors());
        Event error = topics.event(RenderTopics.kustomizationRef("invalid"), "BuildFailed");
        assertEquals(Event.ERROR, error.severity());
        assertEquals(expected, error.message());
        assertEquals("main@sha1:aaaa", error.revision());
        assertEquals("render-service", error.reportingService());

        byte[] fixed = new TarGz().file("apps/web/deploy.yaml", Manifests.deployment("web")).bytes();
        topics.artifact(server.serve(RenderTopics.sourceId("invalid-repo"), "main@sha1:bbbb", fixed));
        assertFalse(topics.bundle(appId, "main@sha1:bbbb").failed());
        Event succeeded = topics.event(RenderTopics.kustomizationRef("invalid"), "BuildSucceeded");
        assertEquals(Event.INFO, succeeded.severity());
        assertEquals("main@sha1:bbbb", succeeded.revision());
    }

    @Test
    void aDocumentThatDoesNotReadFailsNamingItsErrorsAndAFixedOneRenders() {
        // source-service publishes only documents that read: this one is put on the topic as an older
        // version might have, without a source or an artifact to wait for.
        String appId = topics.kustomization("unreadable", "unreadable-repo", "./",
                Map.of("interval", "five minutes", "sourceRef", Map.of("kind", "Bucket", "name", "b")));

        RenderedBundle failed = Deadline.await("the failed bundle of " + appId, RenderTopics.WAIT,
                () -> topics.bundles(appId).stream().findFirst().orElse(null), () -> topics.bundles(appId).toString());
        String where = "clusters/dev/unreadable.yaml: Kustomization flux-system/unreadable: ";
        assertEquals(List.of(where + "spec.sourceRef.kind 'Bucket' is not supported by Sluice yet (it reads"
                + " GitRepository)", where + "spec.interval must be a duration such as 30s, 5m or 1h30m, not"
                + " 'five minutes'"), failed.errors());
        assertNull(failed.revision());
        Event error = topics.event(RenderTopics.kustomizationRef("unreadable"), Reasons.BUILD_FAILED);
        assertEquals(String.join("; ", failed.errors()), error.message());

        topics.kustomization("unreadable", "unreadable-repo", "./");
        topics.artifact(server.serve(RenderTopics.sourceId("unreadable-repo"), "main@sha1:dddd",
                new TarGz().file("settings.yaml", Manifests.configMap("settings")).bytes()));
        assertEquals(List.of("ConfigMap/settings"), Manifests.names(topics.bundle(appId, "main@sha1:dddd")));
    }

    @Test
    void anArtifactWhoseDigestDiffersIsRefused() {
        byte[] artifact = new TarGz().file("settings.yaml", Manifests.configMap("settings")).bytes();
        String appId = topics.kustomization("tampered", "tampered-repo", "./");
        SourceArtifact announced = server.serve(RenderTopics.sourceId("tampered-repo"), "main@sha1:cccc", artifact,
                "sha256:" + "0".repeat(64));
        topics.artifact(announced);

        String error = topics.bundle(appId, "main@sha1:cccc").errors().get(0);
        assertTrue(error.startsWith("artifact " + announced.url() + ": sha256 mismatch"), error);
        assertEquals(Event.ERROR, topics.event(RenderTopics.kustomizationRef("tampered"), "BuildFailed").severity());
    }

    @Test
    void anObjectDefinedTwiceNamesBothFiles() {
        String error = onlyError("duplicate", "apps", new TarGz()
                .file("apps/a.yaml", Manifests.configMap("settings"))
                .file("apps/b.yaml", Manifests.deployment("web") + "---\n" + Manifests.configMap("settings"))
                .bytes());
        assertEquals("duplicate object ConfigMap/settings (v1) in apps/a.yaml and apps/b.yaml", error);
    }

    @Test
    void anObjectWithoutKindNamesTheFile() {
        String error = onlyError("kindless", "", new TarGz()
                .file("base/thing.yaml", "apiVersion: v1\nmetadata:\n  name: thing\n").bytes());
        assertEquals("base/thing.yaml: an object has no kind (name thing)", error);
    }

    @Test
    void anEntryClimbingOutOfTheTreeIsRefused() {
        String error = onlyError("climbing", "", new TarGz()
                .file("settings.yaml", Manifests.configMap("settings"))
                .file("../evil.yaml", Manifests.configMap("evil"))
                .bytes());
        assertTrue(error.endsWith(": entry '../evil.yaml' leaves the tree (..)"), error);
    }

    @Test
    void aLinkLeavingTheTreeIsRefused() {
        String error = onlyError("linking", "", new TarGz()
                .symlink("apps/passwords", "../../../etc")
                .bytes());
        assertTrue(error.endsWith(": entry 'apps/passwords' is a link leaving the tree (../../../etc)"), error);
    }

    @Test
    void aPathLeavingTheRepositoryIsRefused() {
        String error = onlyError("escaping", "./apps/../..", new TarGz()
                .file("apps/settings.yaml", Manifests.configMap("settings")).bytes());
        assertEquals("spec.path ./apps/../..: leaves the repository root", error);
    }

    @Test
    void aFailingKustomizeBuildShowsItsMessageWithRepositoryPaths() {
        String error = onlyError("unbuildable", "./overlay", new TarGz()
                .file("overlay/kustomization.yaml", "resources:\n- settings.yaml\npatches:\n- path: ../patch.yaml\n")
                .file("overlay/settings.yaml", Manifests.configMap("settings"))
                .file("patch.yaml", Manifests.configMap("settings"))
                .bytes());
        // The load restrictor keeps a kustomization to the files below its own folder.
        assertEquals("overlay: kustomize build failed: trouble configuring builtin PatchTransformer with config: `"
                + " path: ../patch.yaml `: failed to get the patch file from path(../patch.yaml): security; file"
                + " 'patch.yaml' is not in or below 'overlay'", error);
    }
}
