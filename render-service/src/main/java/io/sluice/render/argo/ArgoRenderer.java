package io.sluice.render.argo;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.events.SourceArtifact;
import io.sluice.render.artifact.ArtifactWorkspace;
import io.sluice.render.helm.ChartCrds;
import io.sluice.render.helm.ChartTemplate;
import io.sluice.render.helm.HelmRenderer;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns an Argo CD Application into Kubernetes objects as Argo CD's repo-server does, each source
 * in a scratch folder of its own deleted afterwards, the objects of all sources concatenated in
 * source order. A source is rendered by the tool its option block names, else by what its folder
 * holds: a chart source with Helm; a kustomization file with Kustomize; a Chart.yaml with Helm;
 * else as a directory of manifests.
 */
public final class ArgoRenderer {
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
        for (ArgoSource source : app.sources()) {
            if (source.referenceOnly()) {
                continue;
            }
            for (Map<String, Object> object : render(app, source, artifacts.apply(source.sourceId()))) {
                all.add(object, app.origin() + " " + source.field());
            }
        }
        return all.result();
    }

    private List<Map<String, Object>> render(ArgoApplication app, ArgoSource source, SourceArtifact artifact)
            throws RenderException {
        String origin = app.origin() + " " + source.field();
        try (ArtifactWorkspace.Unpacked folder = workspace.unpack(artifact)) {
            Path tree = folder.tree();
            if (source.chart() != null) {
                Path chart = HelmRenderer.chartFolder(tree, origin + ": chart " + source.chart());
                return helm(app, source, chart, tree, folder.path());
            }
            Path dir = folder(tree, source, origin);
            ArgoSource.Type type = source.explicitType() != null ? source.explicitType() : discover(dir);
            return switch (type) {
                case KUSTOMIZE -> kustomize(source, dir, tree, folder.path(), origin);
                case HELM -> helm(app, source, dir, tree, folder.path());
                case DIRECTORY -> directory(source, dir, tree);
            };
        } catch (IOException e) {
            throw new RenderException(origin + ": cannot prepare the scratch folder: " + e.getMessage());
        }
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
            Path scratch) throws RenderException, IOException {
        String origin = app.origin() + " " + source.field();
        String releaseName = source.helm().releaseName() != null ? source.helm().releaseName() : app.ref().name();
        String yaml = ArgoHelmChart.template(helm, chart, tree, scratch, source.helm(), releaseName,
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
            try {
                add(objects, file.text(), file.display());
            } catch (RenderException e) {
                e.errors().forEach(objects::addError);
            }
        }
        meters.summary("sluice.render.output.bytes").record(bytes);
        return objects.result();
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
