package io.sluice.render.kustomization;

import io.sluice.api.Kind;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.render.closure.FileClosure.ReadFiles;
import io.sluice.render.closure.FileClosure;
import io.sluice.render.closure.TreeIndex;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.postbuild.VariableSources;
import io.sluice.render.postbuild.Variables;
import io.sluice.render.reconcile.AppDocument;
import io.sluice.render.reconcile.RenderStrategy;
import io.sluice.render.reconcile.SourceFiles;
import java.util.List;
import java.util.Map;

/**
 * How a Flux Kustomization renders: the files of its GitRepository's artifact that a kustomize
 * build of its path reads, its postBuild variables, and kustomize-controller's build.
 */
public final class KustomizationStrategy implements RenderStrategy<Kustomization, Variables> {
    private final KustomizationRenderer renderer;
    private final VariableSources variables;

    public KustomizationStrategy(KustomizationRenderer renderer, VariableSources variables) {
        this.renderer = renderer;
        this.variables = variables;
    }

    @Override
    public Kind<Kustomization> kind() {
        return Kustomization.KIND;
    }

    @Override
    public List<String> sourceIds(Kustomization app) {
        return List.of(app.spec().sourceRef().id());
    }

    @Override
    public boolean suspended(Kustomization app) {
        return app.spec().suspend();
    }

    @Override
    public boolean readsMountedData(Kustomization app) {
        Kustomization.PostBuild postBuild = app.spec().build().postBuild();
        return postBuild != null && !postBuild.substituteFrom().isEmpty();
    }

    @Override
    public Variables load(AppDocument<Kustomization> app) throws RenderException {
        return variables.load(app.origin(), app.value().metadata().namespace(), app.value().spec().build().postBuild());
    }

    @Override
    public Object digested(Variables loaded) {
        return loaded.values();
    }

    @Override
    public Map<String, ReadFiles> readFiles(AppDocument<Kustomization> app, Map<String, TreeIndex> indexes) {
        Kustomization.Spec spec = app.value().spec();
        String sourceId = spec.sourceRef().id();
        return Map.of(sourceId, FileClosure.of(indexes.get(sourceId), spec.path(), spec.build().components()));
    }

    @Override
    public List<Map<String, Object>> render(AppDocument<Kustomization> app, SourceFiles files, Variables loaded)
            throws RenderException {
        Kustomization.Spec spec = app.value().spec();
        String sourceId = spec.sourceRef().id();
        return renderer.render(files.artifact(sourceId), spec, loaded, files.includes(sourceId));
    }
}
