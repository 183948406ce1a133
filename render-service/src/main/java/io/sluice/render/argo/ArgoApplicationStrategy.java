package io.sluice.render.argo;

import io.sluice.api.Kind;
import io.sluice.api.argo.Application;
import io.sluice.api.argo.ImplicitSource;
import io.sluice.render.closure.FileClosure.ReadFiles;
import io.sluice.render.closure.TreeIndex;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.reconcile.AppDocument;
import io.sluice.render.reconcile.RenderStrategy;
import io.sluice.render.reconcile.SourceFiles;
import java.util.List;
import java.util.Map;

/**
 * How an Argo CD Application renders: the artifacts of the implicit sources its sources name, the
 * files of each that its sources' renders read ({@link ArgoFileClosure}), and Argo CD's repo-server
 * renders, source by source. Nothing besides the artifacts and the spec: it reads no ConfigMap or Secret.
 */
public final class ArgoApplicationStrategy implements RenderStrategy<Application, Void> {
    private final ArgoRenderer renderer;

    public ArgoApplicationStrategy(ArgoRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public Kind<Application> kind() {
        return Application.KIND;
    }

    @Override
    public List<String> sourceIds(Application app) {
        return app.spec().origins().stream().map(ImplicitSource::ref).map(ref -> ref.id()).toList();
    }

    /** Argo CD has no suspend: automated sync is the apply stage's business, rendering always runs. */
    @Override
    public boolean suspended(Application app) {
        return false;
    }

    @Override
    public boolean readsMountedData(Application app) {
        return false;
    }

    @Override
    public Void load(AppDocument<Application> app) {
        return null;
    }

    @Override
    public Object digested(Void loaded) {
        return null;
    }

    @Override
    public Map<String, ReadFiles> readFiles(AppDocument<Application> app, Map<String, TreeIndex> indexes) {
        return ArgoFileClosure.of(app, indexes);
    }

    @Override
    public List<Map<String, Object>> render(AppDocument<Application> app, SourceFiles files, Void loaded)
            throws RenderException {
        return renderer.render(app, files);
    }
}
