package io.sluice.render.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sluice.api.argo.Application;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.read.YamlDocuments;
import io.sluice.events.ConfigDocument;
import io.sluice.render.TarGz;
import io.sluice.render.closure.FileClosure.ReadFiles;
import io.sluice.render.closure.TreeIndex;
import io.sluice.render.reconcile.AppDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which changes of a repository change what an Argo CD Application's render reads, and which do not. */
class ArgoFileClosureTest {
    private static final String REPO = "https://git.example/org/apps.git";
    private static final String VALUES_REPO = "https://git.example/org/values.git";
    private static final Map<String, String> TREE = Map.ofEntries(
            Map.entry("apps/web/kustomization.yaml", "resources:\n- deploy.yaml\n- ../../base\n"),
            Map.entry("apps/web/deploy.yaml", "kind: Deployment\n"),
            Map.entry("apps/web/.argocd-source-web.yaml", "kustomize:\n  components: [../../components/extra]\n"),
            Map.entry("components/extra/kustomization.yaml", "kind: Component\n"),
            Map.entry("base/kustomization.yaml", "resources:\n- service.yaml\n"),
            Map.entry("base/service.yaml", "kind: Service\n"),
            Map.entry("apps/plain/a.yaml", "kind: ConfigMap\n"),
            Map.entry("apps/plain/notes.txt", "not a manifest\n"),
            Map.entry("apps/plain/sub/c.yaml", "kind: ConfigMap\n"),
            Map.entry("charts/web/Chart.yaml", "name: web\n"),
            Map.entry("charts/web/templates/cm.yaml", "kind: ConfigMap\n"),
            Map.entry("shared/values.yaml", "replicas: 1\n"),
            Map.entry("shared/other.yaml", "replicas: 1\n"),
            Map.entry("README.md", "apps\n"));
    private static final Map<String, String> VALUES = Map.of("envs/prod.yaml", "replicas: 3\n",
            "envs/dev.yaml", "replicas: 1\n");

    private static AppDocument<Application> application(String name, String sources) {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: default
                  destination: {server: 'https://kubernetes.default.svc', namespace: web}
                %s""".formatted(name, sources);
        Map<String, Object> document = YamlDocuments.parse("apps.yaml", yaml.getBytes(StandardCharsets.UTF_8))
                .documents().get(0).content();
        ConfigDocument config = ConfigDocument.of(Application.KIND.ref("argocd", name), "apps.yaml", document);
        return new AppDocument<>(config.read(Application.KIND).orElseThrow(), config);
    }

    private static AppDocument<Application> gitApplication(String name, String path, String options) {
        return application(name, "  source: {repoURL: '" + REPO + "', targetRevision: main, path: " + path + options
                + "}\n");
    }

    private static TreeIndex index(Map<String, String> files) {
        try {
            return TreeIndex.read(new ByteArrayInputStream(TarGz.of(files)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String id(String repo) {
        return ArgoSourceIds.gitSource(repo, "main").orElseThrow().id();
    }

    private static List<String> closure(AppDocument<Application> app, Map<String, String> tree,
            Map<String, String> values) {
        Map<String, TreeIndex> indexes = new HashMap<>(Map.of(id(REPO), index(tree)));
        if (app.value().spec().origins().size() > 1) {
            indexes.put(id(VALUES_REPO), index(values));
        }
        return ArgoFileClosure.of(app, indexes).values().stream().map(ReadFiles::digest).toList();
    }

    private static Map<String, String> with(Map<String, String> files, String file, String text) {
        Map<String, String> changed = new HashMap<>(files);
        changed.put(file, text);
        return changed;
    }

    private static void assertReads(AppDocument<Application> app, String file) {
        assertNotEquals(closure(app, TREE, VALUES), closure(app, with(TREE, file, "changed\n"), VALUES),
                file + " should be read by " + app.ref().name());
    }

    private static void assertIgnores(AppDocument<Application> app, String file) {
        assertEquals(closure(app, TREE, VALUES), closure(app, with(TREE, file, "changed\n"), VALUES),
                file + " should not be read by " + app.ref().name());
    }

    @Test
    void aKustomizationFolderReadsItsClosureAndWhatItsParameterFilesAdd() {
        AppDocument<Application> web = gitApplication("web", "apps/web", "");
        assertReads(web, "apps/web/deploy.yaml");
        assertReads(web, "base/service.yaml");
        assertReads(web, "apps/web/.argocd-source-web.yaml");
        assertReads(web, "components/extra/kustomization.yaml");
        assertReads(web, "apps/web/.argocd-source.yaml");
        assertIgnores(web, "apps/plain/a.yaml");
        assertIgnores(web, "README.md");
    }

    @Test
    void aDirectoryReadsTheFilesItsOptionsPickAndWhatWouldMakeItAnotherKind() {
        AppDocument<Application> plain = gitApplication("plain", "apps/plain", "");
        assertReads(plain, "apps/plain/a.yaml");
        assertReads(plain, "apps/plain/new.json");
        assertReads(plain, "apps/plain/Kustomization");
        assertReads(plain, "apps/plain/Chart.yaml");
        assertIgnores(plain, "apps/plain/notes.txt");
        assertIgnores(plain, "apps/plain/sub/c.yaml");

        AppDocument<Application> recursed = gitApplication("recursed", "apps/plain",
                ", directory: {recurse: true, exclude: 'a.yaml'}");
        assertReads(recursed, "apps/plain/sub/c.yaml");
        assertIgnores(recursed, "apps/plain/a.yaml");
        assertIgnores(recursed, "apps/plain/Kustomization");
    }

    @Test
    void aChartFolderIsReadWholeWithTheValueFilesItNames() {
        AppDocument<Application> chart = gitApplication("chart", "charts/web",
                ", helm: {valueFiles: [../../shared/values.yaml]}");
        assertReads(chart, "charts/web/templates/cm.yaml");
        assertReads(chart, "charts/web/anything.txt");
        assertReads(chart, "shared/values.yaml");
        assertIgnores(chart, "shared/other.yaml");
        assertIgnores(chart, "README.md");
    }

    @Test
    void aValueFileOfARefSourceIsReadInThatSourcesArtifact() {
        AppDocument<Application> multi = application("multi", """
                  sources:
                    - {repoURL: '%s', targetRevision: main, path: charts/web, helm: {valueFiles: [$values/envs/prod.yaml]}}
                    - {repoURL: '%s', targetRevision: main, ref: values}
                """.formatted(REPO, VALUES_REPO));
        List<String> before = closure(multi, TREE, VALUES);
        assertNotEquals(before, closure(multi, TREE, with(VALUES, "envs/prod.yaml", "replicas: 4\n")));
        assertEquals(before, closure(multi, TREE, with(VALUES, "envs/dev.yaml", "replicas: 4\n")));
        assertEquals(before, closure(multi, with(TREE, "README.md", "changed\n"), VALUES));
    }

    @Test
    void aPathThatIsNotInTheTreeReadsTheWholeTree() {
        assertReads(gitApplication("missing", "apps/missing", ""), "README.md");
    }
}
