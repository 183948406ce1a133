package io.sluice.render.argo;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.argo.Application;
import io.sluice.api.argo.ApplicationSource;
import io.sluice.api.read.Problem;
import io.sluice.api.read.ReadResult;
import io.sluice.render.artifact.ArtifactWorkspace;
import io.sluice.render.helm.ChartCrds;
import io.sluice.render.helm.ChartTemplate;
import io.sluice.render.helm.HelmRenderer;
import io.sluice.render.manifest.KustomizationFile;
import io.sluice.render.manifest.KustomizationGuard;
import io.sluice.render.manifest.KustomizeBuild;
import io.sluice.render.manifest.ManifestObjects;
import io.sluice.render.manifest.ManifestYaml;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.manifest.RepositoryPaths;
import io.sluice.render.reconcile.AppDocument;
import io.sluice.render.reconcile.SourceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns an Argo CD Application into Kubernetes objects as Argo CD's repo-server does, each source
 * in a scratch folder of its own deleted afterwards, the objects of all sources concatenated in
 * source order. A source is rendered by the tool its option block names, else by what its folder
 * holds: a chart source with Helm; a kustomization file with Kustomize; a Chart.yaml with Helm;
 * else as a directory of manifests. Argo CD's .argocd-source files in the folder amend the options.
 */
public final class ArgoRenderer {
    private static final Logger LOG = Logger.getLogger(ArgoRenderer.class);
    private final ArtifactWorkspace workspace;
    private final KustomizationGuard guard;
    private final KustomizeBuild kustomize;
    private final ChartTemplate helm;
    private final MeterRegistry meters;

    public ArgoRenderer(ArtifactWorkspace workspace, KustomizationGuard guard, KustomizeBuild kustomize,
            ChartTemplate helm, MeterRegistry meters) {
        this.workspace = workspace;
        this.guard = guard;
        this.kustomize = kustomize;
        this.helm = helm;
        this.meters = meters;
    }

    /** The Application's objects, rendered from the files of {@code files} its render can read. */
    public List<Map<String, Object>> render(AppDocument<Application> app, SourceFiles files) throws RenderException {
        ManifestObjects all = new ManifestObjects();
        Map<String, ArtifactWorkspace.Unpacked> refs = new LinkedHashMap<>();
        try {
            // The sources named by ref lend their files ($ref/values.yaml) to the helm sources.
            for (ApplicationSource source : app.value().spec().sources()) {
                if (source.ref() != null && !refs.containsKey(source.ref())) {
                    refs.put(source.ref(), unpack(files, source, where(app, source)));
                }
            }
            Map<String, Path> refTrees = new LinkedHashMap<>();
            refs.forEach((name, folder) -> refTrees.put(name, folder.tree()));
            for (ApplicationSource source : app.value().spec().sources()) {
                if (source.referenceOnly()) {
                    continue;
                }
                for (Map<String, Object> object : render(app, source, files, refTrees)) {
                    all.add(object, where(app, source));
                }
            }
        } finally {
            refs.values().forEach(ArtifactWorkspace.Unpacked::close);
        }
        return all.result();
    }

    /** The Application's file and the source's field, which its errors start with. */
    private static String where(AppDocument<Application> app, ApplicationSource source) {
        return app.origin() + " " + source.field();
    }

    private ArtifactWorkspace.Unpacked unpack(SourceFiles files, ApplicationSource source, String origin)
            throws RenderException {
        String sourceId = source.sourceRef().id();
        try {
            return workspace.unpack(files.artifact(sourceId), files.includes(sourceId));
        } catch (IOException e) {
            throw new RenderException(origin + ": cannot prepare the scratch folder: " + e.getMessage());
        }
    }

    private List<Map<String, Object>> render(AppDocument<Application> app, ApplicationSource source, SourceFiles files,
            Map<String, Path> refs) throws RenderException {
        String origin = where(app, source);
        try (ArtifactWorkspace.Unpacked folder = unpack(files, source, origin)) {
            Path tree = folder.tree();
            if (source.chart() != null) {
                Path chart = HelmRenderer.chartFolder(tree, origin + ": chart " + source.chart());
                return helm(app, source, chart, tree, refs, folder.path());
            }
            Path dir = folder(tree, source, origin);
            ApplicationSource rendered = withParameterFiles(app, source, dir, tree);
            ApplicationSource.Type type = rendered.explicitType() != null ? rendered.explicitType() : discover(dir);
            return switch (type) {
                case KUSTOMIZE -> kustomize(rendered, dir, tree, folder.path(), origin);
                case HELM -> helm(app, rendered, dir, tree, refs, folder.path());
                case DIRECTORY -> directory(rendered, dir, tree);
            };
        } catch (IOException e) {
            throw new RenderException(origin + ": cannot prepare the scratch folder: " + e.getMessage());
        }
    }

    /**
     * The source as Argo CD reads it once the .argocd-source files of its folder are merged in. What those
     * files set that Sluice does not act on is logged: they are repository files, read only here.
     */
    private static ApplicationSource withParameterFiles(AppDocument<Application> app, ApplicationSource source,
            Path dir, Path tree) throws RenderException {
        String origin = where(app, source);
        ReadResult<ApplicationSource> amended;
        try {
            amended = SourceParameterFiles.amended(app, source, tree.relativize(dir).toString().replace('\\', '/'),
                    path -> text(tree, path));
        } catch (RenderException e) {
            throw new RenderException(e.errors().stream().map(error -> origin + ": " + error).toList());
        }
        if (amended == null) {
            return source;
        }
        if (!amended.valid()) {
            throw new RenderException(amended.errorMessages());
        }
        List<Problem> written = ApplicationSource.read(source.writtenIn(app.document().document()), source.field(),
                source.inSources(), app.ref(), amended.origin()).warnings();
        amended.warnings().stream().filter(warning -> !written.contains(warning))
                .forEach(warning -> LOG.warn(amended.describe(warning)));
        return amended.value();
    }

    /** The text of a file of the scratch copy, if it is one (not a link); null otherwise. */
    private static String text(Path tree, String path) throws RenderException {
        Path file = tree.resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new RenderException(path + ": cannot read: " + e.getMessage());
        }
    }

    private static ApplicationSource.Type discover(Path dir) {
        if (KustomizationFile.find(dir) != null) {
            return ApplicationSource.Type.KUSTOMIZE;
        }
        return Files.isRegularFile(dir.resolve(ArgoFileClosure.CHART_FILE)) ? ApplicationSource.Type.HELM
                : ApplicationSource.Type.DIRECTORY;
    }

    /** The source's path inside the repository; errors name the Application's field. */
    private static Path folder(Path tree, ApplicationSource source, String origin) throws RenderException {
        try {
            return RepositoryPaths.resolve(tree, source.path());
        } catch (RenderException e) {
            throw new RenderException(e.errors().stream()
                    .map(error -> origin + ": " + error.replaceFirst("^spec\\.path", source.field() + ".path")).toList());
        }
    }

    private List<Map<String, Object>> kustomize(ApplicationSource source, Path dir, Path tree, Path scratch, String origin)
            throws RenderException {
        if (KustomizationFile.find(dir) == null) {
            throw new RenderException(origin + ": " + source.field() + ".kustomize: "
                    + RepositoryPaths.display(tree, dir) + " holds no kustomization.yaml");
        }
        try {
            ArgoKustomization.edit(dir, tree, source.kustomize(), source.field() + ".kustomize");
            guard.check(dir, tree);
        } catch (RenderException e) {
            meters.counter("sluice.render.refused", "check", "references").increment();
            throw new RenderException(e.errors().stream().map(error -> origin + ": " + error).toList());
        }
        String yaml = kustomize.build(dir, tree, scratch);
        return objects(yaml, "kustomize build of " + RepositoryPaths.display(tree, dir));
    }

    private List<Map<String, Object>> helm(AppDocument<Application> app, ApplicationSource source, Path chart,
            Path tree, Map<String, Path> refs, Path scratch) throws RenderException, IOException {
        String origin = where(app, source);
        String releaseName = source.helm().releaseName() != null ? source.helm().releaseName()
                : app.value().metadata().name();
        String namespace = app.value().spec().destination().namespace();
        String yaml = ArgoHelmChart.template(helm, chart, tree, refs, scratch, source.helm(), releaseName,
                namespace == null ? "" : namespace, source.field() + ".helm", origin);
        ManifestObjects objects = new ManifestObjects();
        if (!source.helm().skipCrds()) {
            // Argo CD runs helm template with --include-crds: the crds/ folders first, as they are.
            for (Path crds : ChartCrds.files(chart)) {
                add(objects, Files.readString(crds), origin + ": chart file " + RepositoryPaths.display(tree, crds));
            }
        }
        add(objects, yaml, "helm template of " + origin);
        return objects.result();
    }

    private List<Map<String, Object>> directory(ApplicationSource source, Path dir, Path tree) throws RenderException {
        ManifestObjects objects = new ManifestObjects();
        long bytes = 0;
        for (DirectoryManifests.ManifestFile file : DirectoryManifests.read(tree, dir, source.directory())) {
            bytes += file.text().getBytes(StandardCharsets.UTF_8).length;
            boolean json = file.display().endsWith(".json");
            try {
                List<Map<String, Object>> documents = ManifestYaml.parse(file.text(), file.display());
                if (!json && !looksLikeResource(file.text()) && documents.stream().noneMatch(ArgoRenderer::hasKind)) {
                    // Argo CD skips YAML that is not Kubernetes objects (a values file, a config) in a directory.
                    continue;
                }
                for (Map<String, Object> object : documents) {
                    objects.add(object, file.display());
                }
            } catch (RenderException e) {
                if (json || looksLikeResource(file.text())) {
                    e.errors().forEach(objects::addError);
                }
            }
        }
        meters.summary("sluice.render.output.bytes").record(bytes);
        return objects.result();
    }

    /** Argo CD's test for a file that was meant to hold objects, whose errors are reported rather than skipped. */
    private static boolean looksLikeResource(String text) {
        return text.contains("apiVersion:") && text.contains("kind:") && text.contains("metadata:");
    }

    private static boolean hasKind(Map<String, Object> document) {
        return document.get("apiVersion") != null && document.get("kind") != null;
    }

    private List<Map<String, Object>> objects(String yaml, String origin) throws RenderException {
        meters.summary("sluice.render.output.bytes").record(yaml.getBytes(StandardCharsets.UTF_8).length);
        ManifestObjects objects = new ManifestObjects();
        add(objects, yaml, origin);
        return objects.result();
    }

    private static void add(ManifestObjects objects, String yaml, String origin) throws RenderException {
        for (Map<String, Object> object : ManifestYaml.parse(yaml, origin)) {
            objects.add(object, origin);
        }
    }
}
