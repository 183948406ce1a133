package io.sluice.render.argo;

import io.sluice.api.argo.Application;
import io.sluice.api.argo.ApplicationSource;
import io.sluice.api.read.ReadResult;
import io.sluice.render.closure.FileClosure.ReadFiles;
import io.sluice.render.closure.FileClosure;
import io.sluice.render.closure.TreeIndex;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.reconcile.AppDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files an Argo CD Application's render can read, artifact by artifact ({@link FileClosure}), so
 * that a commit touching none of them renders nothing. For each rendered source: the .argocd-source
 * files of its folder, then what it is rendered from, by its option block or else by what the folder
 * holds (the files that tell count too): the manifest files a directory's options pick, a
 * kustomization's closure, a chart folder whole, a chart source's artifact whole; and the value files
 * its helm options name, in its own artifact or, for {@code $ref/...}, in the artifact of the source
 * with that ref. A source whose files the index cannot tell (a folder that is not in the tree, parameter
 * files that do not read) is given its whole artifact; its render says what is wrong.
 */
final class ArgoFileClosure {
    static final String CHART_FILE = "Chart.yaml";
    /** The files whose presence decides how a folder without an option block is rendered, as {@link ArgoRenderer} looks. */
    private static final List<String> TELLING_FILES = List.of("kustomization.yaml", "kustomization.yml",
            "Kustomization", CHART_FILE);

    /** The files of each artifact (by source id, as in {@code indexes}) that the render of {@code app} can read. */
    static Map<String, ReadFiles> of(AppDocument<Application> app, Map<String, TreeIndex> indexes) {
        Map<String, FileClosure> closures = new LinkedHashMap<>();
        indexes.forEach((sourceId, index) -> closures.put(sourceId, new FileClosure(index)));
        for (ApplicationSource source : app.value().spec().sources()) {
            if (!source.referenceOnly()) {
                add(app, source, indexes.get(source.sourceRef().id()), closures);
            }
        }
        Map<String, ReadFiles> read = new LinkedHashMap<>();
        closures.forEach((sourceId, closure) -> read.put(sourceId, closure.result()));
        return read;
    }

    private static void add(AppDocument<Application> app, ApplicationSource source, TreeIndex index,
            Map<String, FileClosure> closures) {
        FileClosure closure = closures.get(source.sourceRef().id());
        if (source.chart() != null) {
            closure.whole();
            valueFiles(app, source, "", closures);
            return;
        }
        String dir = FileClosure.resolve("", source.path() == null ? "" : source.path().strip().replaceFirst("^/+", ""));
        ApplicationSource rendered = dir == null || !index.isDirectory(dir) ? null : amended(app, source, dir, index);
        if (rendered == null) {
            closure.whole();
            return;
        }
        SourceParameterFiles.names(app.value().metadata().name())
                .forEach(name -> closure.file(SourceParameterFiles.file(dir, name)));
        ApplicationSource.Type type = rendered.explicitType();
        if (type == null) {
            TELLING_FILES.forEach(name -> closure.file(SourceParameterFiles.file(dir, name)));
            type = discovered(dir, index);
        }
        switch (type) {
            case KUSTOMIZE -> closure.kustomization(dir, rendered.kustomize().build().components());
            case DIRECTORY -> closure.below(dir, DirectoryManifests.picked(rendered.directory()));
            case HELM -> {
                closure.below(dir, relative -> true);
                valueFiles(app, rendered, dir, closures);
            }
        }
    }

    /** The source amended by its folder's parameter files; null when they cannot be read from the index. */
    private static ApplicationSource amended(AppDocument<Application> app, ApplicationSource source, String dir,
            TreeIndex index) {
        try {
            ReadResult<ApplicationSource> amended = SourceParameterFiles.amended(app, source, dir, path -> {
                String text = index.text(path);
                if (text == null && index.isFile(path)) {
                    throw new RenderException(path + ": too large to index");
                }
                return text;
            });
            return amended == null ? source : amended.value();
        } catch (RenderException e) {
            return null;
        }
    }

    /** As {@link ArgoRenderer} tells a folder without an option block: a kustomization, a chart, else manifests. */
    private static ApplicationSource.Type discovered(String dir, TreeIndex index) {
        for (String name : TELLING_FILES) {
            if (index.isFile(SourceParameterFiles.file(dir, name))) {
                return name.equals(CHART_FILE) ? ApplicationSource.Type.HELM : ApplicationSource.Type.KUSTOMIZE;
            }
        }
        return ApplicationSource.Type.DIRECTORY;
    }

    /**
     * The value files of a helm source, resolved as {@link ArgoHelmChart} resolves them: from the chart
     * folder {@code chartDir}, from the root with a leading '/', from another source's root with "$ref/".
     * Those that cannot be resolved fail the render, whatever the files.
     */
    private static void valueFiles(AppDocument<Application> app, ApplicationSource source, String chartDir,
            Map<String, FileClosure> closures) {
        for (String name : source.helm().valueFiles()) {
            if (name.contains("://")) {
                continue;
            }
            String sourceId = source.sourceRef().id();
            String path;
            if (name.startsWith("$")) {
                int slash = name.indexOf('/');
                String ref = name.substring(1, slash < 0 ? name.length() : slash);
                sourceId = app.value().spec().sources().stream().filter(other -> ref.equals(other.ref())).findFirst()
                        .map(other -> other.sourceRef().id()).orElse(null);
                path = slash < 0 ? null : FileClosure.resolve("", name.substring(slash + 1).replaceFirst("^/+", ""));
            } else if (name.startsWith("/")) {
                path = FileClosure.resolve("", name.replaceFirst("^/+", ""));
            } else {
                path = FileClosure.resolve(chartDir, name);
            }
            if (sourceId != null && path != null && !path.isEmpty()) {
                closures.get(sourceId).file(path);
            }
        }
    }

    private ArgoFileClosure() {
    }
}
