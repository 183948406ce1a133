package io.sluice.render.reconcile;

import io.sluice.api.Kind;
import io.sluice.api.Resource;
import io.sluice.render.closure.FileClosure.ReadFiles;
import io.sluice.render.closure.TreeIndex;
import io.sluice.render.manifest.RenderException;
import java.util.List;
import java.util.Map;

/**
 * What the one render flow of {@link RenderReconciler} needs to know of one kind of application:
 * which sources' artifacts it renders, which of their files a render can read, what else its result
 * depends on, and the render itself. One implementation per kind: Kustomization, HelmRelease, Argo CD
 * Application.
 *
 * @param <T> the kind's type
 * @param <L> what a render reads besides the artifacts (variables, values), loaded anew for each
 *         reconcile since it changes without a message on Kafka
 */
public interface RenderStrategy<T extends Resource, L> {

    Kind<T> kind();

    /** The ids of the sources whose artifacts it renders, in order, each once; the first names the bundle's source. */
    List<String> sourceIds(T app);

    /** Whether it is suspended: then it is not rendered. */
    boolean suspended(T app);

    /** Whether it reads ConfigMaps or Secrets from their folders: then it is queued again now and then. */
    boolean readsMountedData(T app);

    /** What the render reads besides the artifacts; errors name the application's file. */
    L load(AppDocument<T> app) throws RenderException;

    /** The part of {@code loaded} the result depends on, for the inputs digest (never logged: Secret values). */
    Object digested(L loaded);

    /** The files of each artifact (by source id) that its render can read; {@code indexes} has every artifact's. */
    Map<String, ReadFiles> readFiles(AppDocument<T> app, Map<String, TreeIndex> indexes);

    /** Its objects, rendered from {@code files}: only the files each artifact's {@link ReadFiles} names are unpacked. */
    List<Map<String, Object>> render(AppDocument<T> app, SourceFiles files, L loaded) throws RenderException;
}
