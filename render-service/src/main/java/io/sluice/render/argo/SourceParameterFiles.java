package io.sluice.render.argo;

import io.sluice.api.argo.Application;
import io.sluice.api.argo.ApplicationSource;
import io.sluice.api.read.Origin;
import io.sluice.api.read.ReadResult;
import io.sluice.render.manifest.ManifestYaml;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.reconcile.AppDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo CD's parameter override files in a source's folder: {@code .argocd-source.yaml}, then
 * {@code .argocd-source-<application>.yaml}, each merged into the source as written as a JSON merge
 * patch (what argocd-image-updater writes back to Git), the result read again through the api. As in
 * Argo CD they may change only how the source is rendered: repoURL, path, chart and targetRevision keep
 * the Application's values.
 */
final class SourceParameterFiles {
    private static final List<String> PROTECTED = List.of("repoURL", "path", "chart", "targetRevision");

    /** The repository's files, as the render's scratch copy or the artifact's index holds them. */
    @FunctionalInterface
    interface RepositoryFiles {
        /** The text of the file at {@code path} (from the repository's root); null when there is none. */
        String text(String path) throws RenderException;
    }

    /** The files' names, in the order they are merged. */
    static List<String> names(String appName) {
        return List.of(".argocd-source.yaml", ".argocd-source-" + appName + ".yaml");
    }

    /** The path of the file {@code name} of {@code folder} ("" for the repository's root). */
    static String file(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    /**
     * {@code source} amended by the files of its folder {@code folder} ("" for the root), read again;
     * null when no file amends it. Errors name the Application's file and the folder's files.
     */
    static ReadResult<ApplicationSource> amended(AppDocument<Application> app, ApplicationSource source,
            String folder, RepositoryFiles files) throws RenderException {
        Map<String, Object> written = source.writtenIn(app.document().document());
        Map<String, Object> merged = written;
        for (String name : names(app.value().metadata().name())) {
            String text = files.text(file(folder, name));
            if (text != null) {
                for (Map<String, Object> patch : ManifestYaml.parse(text, file(folder, name))) {
                    merged = mergePatch(merged, patch);
                }
            }
        }
        if (merged == written) {
            return null;
        }
        merged = new LinkedHashMap<>(merged);
        for (String field : PROTECTED) {
            merged.remove(field);
            if (written.containsKey(field)) {
                merged.put(field, written.get(field));
            }
        }
        return ApplicationSource.read(merged, source.field(), source.inSources(), app.ref(),
                Origin.of(app.origin() + " with " + file(folder, ".argocd-source*.yaml")));
    }

    /** RFC 7386: objects merge key by key, null removes a key, anything else replaces. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> nested) {
                Map<String, Object> current = result.get(key) instanceof Map<?, ?> map
                        ? (Map<String, Object>) map : Map.of();
                result.put(key, mergePatch(current, (Map<String, Object>) nested));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    private SourceParameterFiles() {
    }
}
