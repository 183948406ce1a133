package io.sluice.render.closure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which changes of a tree change the closure digest of a render, and which do not. */
class FileClosureTest {
    private static final Map<String, String> MONOREPO = Map.of(
            "apps/web/kustomization.yaml", "resources:\n- deploy.yaml\n- ../../base/web\n",
            "apps/web/deploy.yaml", "kind: Deployment\n",
            "apps/api/kustomization.yaml", "resources:\n- ../../base/api\n",
            "apps/plain/cm.yaml", "kind: ConfigMap\n",
            "base/web/kustomization.yaml", "resources:\n- service.yaml\ncomponents:\n- ../../components/tls\n",
            "base/web/service.yaml", "kind: Service\n",
            "base/api/kustomization.yaml", "resources:\n- service.yaml\n",
            "base/api/service.yaml", "kind: Service\n",
            "components/tls/kustomization.yaml", "kind: Component\n",
            "README.md", "hello\n");

    /** An index as TreeIndex.read makes it from an artifact holding {@code files}. */
    private static TreeIndex index(Map<String, String> files, boolean links) {
        TreeMap<String, String> digests = new TreeMap<>();
        Map<String, String> texts = new HashMap<>();
        files.forEach((path, text) -> {
            digests.put(path, HexFormat.of().formatHex(TreeIndex.sha256().digest(text.getBytes(StandardCharsets.UTF_8))));
            if (TreeIndex.keepsText(TreeIndex.name(path))) {
                texts.put(path, text);
            }
        });
        return new TreeIndex(digests, texts, links);
    }

    private static String closure(Map<String, String> files, String path, List<String> components) {
        return FileClosure.of(index(files, false), path, components).digest();
    }

    private static Map<String, String> with(String path, String text) {
        Map<String, String> changed = new HashMap<>(MONOREPO);
        changed.put(path, text);
        return changed;
    }

    private static void assertChanges(String path, String changedFile) {
        assertNotEquals(closure(MONOREPO, path, List.of()), closure(with(changedFile, "changed\n"), path, List.of()),
                changedFile + " should be in the closure of " + path);
    }

    private static void assertKeeps(String path, String changedFile) {
        assertEquals(closure(MONOREPO, path, List.of()), closure(with(changedFile, "changed\n"), path, List.of()),
                changedFile + " should not be in the closure of " + path);
    }

    @Test
    void anOverlayReadsItsFolderItsBasesAndTheirComponents() {
        assertChanges("./apps/web", "apps/web/deploy.yaml");
        assertChanges("./apps/web", "apps/web/new-file.yaml");
        assertChanges("./apps/web", "base/web/service.yaml");
        assertChanges("./apps/web", "components/tls/kustomization.yaml");
        assertChanges("./apps/web", "components/tls/added.yaml");
    }

    @Test
    void onlyTheFilesOfTheClosureAreToBeUnpacked() {
        var files = FileClosure.of(index(MONOREPO, false), "apps/web", List.of()).includes();
        assertEquals(List.of("apps/web/deploy.yaml", "./base/web/service.yaml", "components/tls/kustomization.yaml"),
                List.of("apps/web/deploy.yaml", "./base/web/service.yaml", "components/tls/kustomization.yaml")
                        .stream().filter(files).toList());
        assertEquals(List.of(), List.of("apps/api/kustomization.yaml", "base/api/service.yaml", "README.md").stream()
                .filter(files).toList());
    }

    @Test
    void otherAppsTheirBasesAndUnrelatedFilesAreNotRead() {
        assertKeeps("./apps/web", "apps/api/kustomization.yaml");
        assertKeeps("./apps/web", "base/api/service.yaml");
        assertKeeps("./apps/web", "README.md");
        assertKeeps("apps/api", "base/web/service.yaml");
        assertKeeps("apps/api", "components/tls/kustomization.yaml");
    }

    @Test
    void aPlainFolderReadsTheManifestsBelowIt() {
        assertChanges("apps/plain", "apps/plain/cm.yaml");
        assertChanges("apps/plain", "apps/plain/sub/more.yaml");
        assertKeeps("apps/plain", "apps/web/deploy.yaml");
        assertKeeps("apps/plain", "base/web/service.yaml");
    }

    @Test
    void aPlainFolderHoldingAKustomizationFollowsItsBases() {
        Map<String, String> files = new HashMap<>(MONOREPO);
        files.put("clusters/dev/web/kustomization.yaml", "resources:\n- ../../../apps/web\n");
        files.put("clusters/dev/namespace.yaml", "kind: Namespace\n");
        String before = closure(files, "clusters/dev", List.of());
        files.put("base/web/service.yaml", "changed\n");
        assertNotEquals(before, closure(files, "clusters/dev", List.of()));
    }

    @Test
    void patchesAndGeneratorFilesNamedElsewhereAreRead() {
        Map<String, String> files = new HashMap<>(MONOREPO);
        files.put("apps/web/kustomization.yaml", """
                resources:
                - deploy.yaml
                patches:
                - path: ../../patches/replicas.yaml
                  target:
                    kind: Deployment
                configMapGenerator:
                - name: settings
                  files:
                  - app.conf=../../config/web.conf
                replacements:
                - path: ../../replacements/web.yaml
                """);
        files.put("patches/replicas.yaml", "replicas: 2\n");
        files.put("config/web.conf", "a=1\n");
        files.put("replacements/web.yaml", "source: {}\n");
        String before = closure(files, "apps/web", List.of());
        for (String file : List.of("patches/replicas.yaml", "config/web.conf", "replacements/web.yaml")) {
            Map<String, String> changed = new HashMap<>(files);
            changed.put(file, "changed\n");
            assertNotEquals(before, closure(changed, "apps/web", List.of()), file);
        }
        Map<String, String> unrelated = new HashMap<>(files);
        unrelated.put("config/api.conf", "b=2\n");
        assertEquals(before, closure(unrelated, "apps/web", List.of()));
    }

    @Test
    void aNamedFileThatAppearsLaterChangesTheClosure() {
        Map<String, String> files = with("apps/api/kustomization.yaml", "resources:\n- ../../shared/missing.yaml\n");
        String before = closure(files, "apps/api", List.of());
        files.put("shared/missing.yaml", "kind: ConfigMap\n");
        assertNotEquals(before, closure(files, "apps/api", List.of()));
    }

    @Test
    void componentsOfTheSpecAreReadRelativeToThePath() {
        assertNotEquals(closure(MONOREPO, "apps/api", List.of("../../components/tls")),
                closure(with("components/tls/kustomization.yaml", "changed\n"), "apps/api",
                        List.of("../../components/tls")));
    }

    @Test
    void aTreeWithLinksIsReadWhole() {
        assertNotEquals(FileClosure.of(index(MONOREPO, true), "apps/web", List.of()).digest(),
                FileClosure.of(index(with("README.md", "changed\n"), true), "apps/web", List.of()).digest());
        assertTrue(FileClosure.of(index(MONOREPO, true), "apps/web", List.of()).includes().test("README.md"));
    }

    @Test
    void aChartIsItsWholeTree() {
        assertNotEquals(FileClosure.whole(index(MONOREPO, false)).digest(),
                FileClosure.whole(index(with("README.md", "x"), false)).digest());
    }
}
