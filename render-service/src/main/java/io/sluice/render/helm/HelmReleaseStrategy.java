package io.sluice.render.helm;

import io.sluice.api.Kind;
import io.sluice.api.helm.HelmRelease;
import io.sluice.render.closure.FileClosure.ReadFiles;
import io.sluice.render.closure.FileClosure;
import io.sluice.render.closure.TreeIndex;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.reconcile.AppDocument;
import io.sluice.render.reconcile.RenderStrategy;
import io.sluice.render.reconcile.SourceFiles;
import java.util.List;
import java.util.Map;

/**
 * How a Flux HelmRelease renders: the whole chart artifact of the HelmChart source-service makes for
 * it, its values (valuesFrom re-read each time, as they may change), and helm-controller's template.
 */
public final class HelmReleaseStrategy implements RenderStrategy<HelmRelease, ReleaseValues> {
    private final HelmRenderer renderer;
    private final ValuesSources values;

    public HelmReleaseStrategy(HelmRenderer renderer, ValuesSources values) {
        this.renderer = renderer;
        this.values = values;
    }

    @Override
    public Kind<HelmRelease> kind() {
        return HelmRelease.KIND;
    }

    @Override
    public List<String> sourceIds(HelmRelease app) {
        return List.of(app.chartSource().id());
    }

    @Override
    public boolean suspended(HelmRelease app) {
        return app.spec().suspend();
    }

    @Override
    public boolean readsMountedData(HelmRelease app) {
        return !app.spec().valuesFrom().isEmpty();
    }

    @Override
    public ReleaseValues load(AppDocument<HelmRelease> app) throws RenderException {
        return values.load(app.value(), app.origin());
    }

    @Override
    public Object digested(ReleaseValues loaded) {
        return loaded.values();
    }

    @Override
    public Map<String, ReadFiles> readFiles(AppDocument<HelmRelease> app, Map<String, TreeIndex> indexes) {
        String sourceId = app.value().chartSource().id();
        return Map.of(sourceId, FileClosure.whole(indexes.get(sourceId)));
    }

    @Override
    public List<Map<String, Object>> render(AppDocument<HelmRelease> app, SourceFiles files, ReleaseValues loaded)
            throws RenderException {
        return renderer.render(files.artifact(app.value().chartSource().id()), app.value(), app.origin(), loaded);
    }
}
