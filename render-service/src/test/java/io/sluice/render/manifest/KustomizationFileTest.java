package io.sluice.render.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.kustomize.Image;
import io.sluice.api.kustomize.Kustomization.BuildOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kustomization file Flux writes: generated for a plain folder, merged with the options otherwise. */
class KustomizationFileTest {

    private static BuildOptions images(Image... images) {
        return new BuildOptions(null, null, null, List.of(), List.of(images), List.of(), false, Map.of(), Map.of(),
                null);
    }

    @Test
    void anImageOfTheSameNameKeepsWhatTheKustomizationLeavesUnsetAndTagAndDigestGoTogether() throws Exception {
        Map<String, Object> kustomization = Map.of("images", List.of(
                Map.of("name", "web", "newName", "old/web", "newTag", "1.0"),
                Map.of("name", "api", "newTag", "2.0")));

        Map<String, Object> merged = KustomizationFile.merge(kustomization, images(
                new Image("web", "new/web", null, null), new Image("api", null, null, "sha256:0a"),
                new Image("db", null, "15", null)), path -> true);

        assertEquals(List.of(Map.of("name", "web", "newName", "new/web", "newTag", "1.0"),
                Map.of("name", "api", "digest", "sha256:0a"), Map.of("name", "db", "newTag", "15")),
                merged.get("images"));
        // The kustomization that was read is left as it was.
        assertEquals(Map.of("name", "api", "newTag", "2.0"), ((List<?>) kustomization.get("images")).get(1));
    }

    @Test
    void aComponentMustBeLocalAndRelative() {
        for (String component : List.of("/abs/component", "https://github.com/x/y", "github.com/x/y",
                "git@github.com:x/y", "file:///abs")) {
            BuildOptions options = new BuildOptions(null, null, null, List.of(), List.of(), List.of(component), false,
                    Map.of(), Map.of(), null);
            RenderException error = assertThrows(RenderException.class,
                    () -> KustomizationFile.merge(Map.of(), options, path -> true));
            assertEquals("spec.components: component path '" + component + "' must be local and relative",
                    error.getMessage());
        }
    }

    @Test
    void aFolderWithNothingToBuildGetsFluxsPlaceholderNamespace(@TempDir Path tree) throws Exception {
        Files.createDirectories(tree.resolve("empty"));
        Files.writeString(tree.resolve("empty/notes.txt"), "not a manifest");

        Path file = KustomizationFile.write(tree.resolve("empty"), tree, images());

        assertEquals(tree.resolve("empty/kustomization.yaml"), file);
        assertEquals(Map.of("apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization",
                "namespace", "_placeholder"), KustomizationFile.read(file, "empty/kustomization.yaml"));
    }

    @Test
    void aKustomizationWithoutResourcesGetsOriginAnnotationsAsFluxGivesIt(@TempDir Path tree) throws Exception {
        Files.writeString(tree.resolve("Kustomization"), "configMapGenerator:\n- name: x\n  literals: [a=b]\n");

        Path file = KustomizationFile.write(tree, tree, images());

        assertEquals(tree.resolve("Kustomization"), file);
        assertEquals(List.of("originAnnotations"), KustomizationFile.read(file, "Kustomization").get("buildMetadata"));
    }

    @Test
    void remoteReferencesAreToldFromLocalOnes() {
        for (String remote : List.of("https://github.com/x/y//base?ref=v1", "github.com/x/y/base", "git@host:x/y",
                "gh:x/y", "git::https://host/x", "ssh://git@host/x", "gitlab.example.com/team/repo/base",
                "host.example:8080/x")) {
            assertTrue(KustomizationGuard.isRemote(remote), remote);
        }
        for (String local : List.of("../base", "base", "./v1.2", "deploy.yaml", "../../etc/passwd", "..")) {
            assertFalse(KustomizationGuard.isRemote(local), local);
        }
    }
}
