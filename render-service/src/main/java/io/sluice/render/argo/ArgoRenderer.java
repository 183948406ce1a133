package io.sluice.render.argo;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.events.SourceArtifact;
import io.sluice.render.artifact.ArtifactWorkspace;
import io.sluice.render.helm.ChartCrds;
import io.sluice.render.helm.ChartTemplate;
import io.sluice.render.helm.HelmRenderer;
import io.sluice.render.kustomization.SpecFields;
import io.sluice.render.manifest.KustomizationFile;
import io.sluice.render.manifest.KustomizationGuard;
import io.sluice.render.manifest.KustomizeBuild;
import io.sluice.render.manifest.ManifestObjects;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.manifest.RepositoryPaths;
import io.sluice.render.manifest.YamlDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

    /** The Application's objects; {@code artifacts} gives the artifact of each source id. */
    public List<Map<String, Object>> render(ArgoApplication app, Function<String, SourceArtifact> artifacts)
            throws RenderException {
        ManifestObjects all = new ManifestObjects();
        Map<String, ArtifactWorkspace.Unpacked> refs = new LinkedHashMap<>();
        try {
            // The sources named by ref lend their files ($ref/values.yaml) to the helm sources.
            for (ArgoSource source : app.sources()) {
                if (source.ref() != null && !refs.containsKey(source.ref())) {
                    refs.put(source.ref(), unpack(artifacts.apply(source.sourceId()), app.origin() + " " + source.field()));
                }
            }
            Map<String, Path> refTrees = new LinkedHashMap<>();
            refs.forEach((name, folder) -> refTrees.put(name, folder.tree()));
            for (ArgoSource source : app.sources()) {
                if (source.referenceOnly()) {
                    continue;
                }
                for (Map<String, Object> object : render(app, source, artifacts.apply(source.sourceId()), refTrees)) {
                    all.add(object, app.origin() + " " + source.field());
                }
            }
        } finally {
            refs.values().forEach(ArtifactWorkspace.Unpacked::close);
        }
        return all.result();
    }

    private ArtifactWorkspace.Unpacked unpack(SourceArtifact artifact, String origin) throws RenderException {
        try {
            return workspace.unpack(artifact);
        } catch (IOException e) {
            throw new RenderException(origin + ": cannot prepare the scratch folder: " + e.getMessage());
        }
    }

    private List<Map<String, Object>> render(ArgoApplication app, ArgoSource source, SourceArtifact artifact,
            Map<String, Path> refs) throws RenderException {
        String origin = app.origin() + " " + source.field();
        try (ArtifactWorkspace.Unpacked folder = workspace.unpack(artifact)) {
            Path tree = folder.tree();
            if (source.chart() != null) {
                Path chart = HelmRenderer.chartFolder(tree, origin + ": chart " + source.chart());
                return helm(app, source, chart, tree, refs, folder.path());
            }
            Path dir = folder(tree, source, origin);
            source = withParameterFiles(app, source, dir, tree);
            ArgoSource.Type type = source.explicitType() != null ? source.explicitType() : discover(dir);
            return switch (type) {
                case KUSTOMIZE -> kustomize(source, dir, tree, folder.path(), origin);
                case HELM -> helm(app, source, dir, tree, refs, folder.path());
                case DIRECTORY -> directory(source, dir, tree);
            };
        } catch (IOException e) {
            throw new RenderException(origin + ": cannot prepare the scratch folder: " + e.getMessage());
        }
    }

    /** The source as Argo CD reads it once the .argocd-source files of its folder are merged in. */
    private static ArgoSource withParameterFiles(ArgoApplication app, ArgoSource source, Path dir, Path tree)
            throws RenderException {
        String origin = app.origin() + " " + source.field();
        Map<String, Object> fields;
        try {
            fields = SourceParameterFiles.apply(source.fields(), dir, tree, app.ref().name());
        } catch (RenderException e) {
            throw new RenderException(e.errors().stream().map(error -> origin + ": " + error).toList());
        }
        if (fields == source.fields()) {
            return source;
        }
        List<String> errors = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        ArgoSource merged = ArgoSource.read(fields, source.field(), new SpecFields(origin + " with "
                + RepositoryPaths.display(tree, dir) + "/.argocd-source*.yaml", errors), unsupported);
        if (!errors.isEmpty()) {
            throw new RenderException(errors);
        }
        if (!unsupported.isEmpty()) {
            LOG.warnf("%s: %s set by .argocd-source files not supported yet: rendered without them", origin,
                    String.join(", ", unsupported));
        }
        return merged;
    }

    private static ArgoSource.Type discover(Path dir) {
        if (KustomizationFile.find(dir) != null) {
            return ArgoSource.Type.KUSTOMIZE;
        }
        return Files.isRegularFile(dir.resolve("Chart.yaml")) ? ArgoSource.Type.HELM : ArgoSource.Type.DIRECTORY;
    }

    /** The source's path inside the repository; errors name the Application's field. */
    private static Path folder(Path tree, ArgoSource source, String origin) throws RenderException {
        try {
            return RepositoryPaths.resolve(tree, source.path());
        } catch (RenderException e) {
            throw new RenderException(e.errors().stream()
                    .map(error -> origin + ": " + error.replaceFirst("^spec\\.path", source.field() + ".path")).toList());
        }
    }

    private List<Map<String, Object>> kustomize(ArgoSource source, Path dir, Path tree, Path scratch, String origin)
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

    private List<Map<String, Object>> helm(ArgoApplication app, ArgoSource source, Path chart, Path tree,
            Map<String, Path> refs, Path scratch) throws RenderException, IOException {
        String origin = app.origin() + " " + source.field();
        String releaseName = source.helm().releaseName() != null ? source.helm().releaseName() : app.ref().name();
        String yaml = ArgoHelmChart.template(helm, chart, tree, refs, scratch, source.helm(), releaseName,
                app.destinationNamespace(), source.field() + ".helm", origin);
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

    private List<Map<String, Object>> directory(ArgoSource source, Path dir, Path tree) throws RenderException {
        ManifestObjects objects = new ManifestObjects();
        long bytes = 0;
        for (DirectoryManifests.ManifestFile file : DirectoryManifests.read(tree, dir, source.directory())) {
            bytes += file.text().getBytes(StandardCharsets.UTF_8).length;
            boolean json = file.display().endsWith(".json");
            try {
                List<Map<String, Object>> documents = YamlDocuments.parse(file.text(), file.display());
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
        for (Map<String, Object> object : YamlDocuments.parse(yaml, origin)) {
            objects.add(object, origin);
        }
    }
}
