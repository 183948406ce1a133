package io.sluice.render.argo;

import io.sluice.render.manifest.RenderException;
import io.sluice.render.manifest.RepositoryPaths;
import io.sluice.render.manifest.YamlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo CD's parameter override files in a source's folder: {@code .argocd-source.yaml}, then
 * {@code .argocd-source-<application>.yaml}, each merged into the source as a JSON merge patch (what
 * argocd-image-updater writes back to Git). As in Argo CD they may change only how the source is
 * rendered: repoURL, path, chart and targetRevision keep the Application's values.
 */
final class SourceParameterFiles {
    private static final List<String> PROTECTED = List.of("repoURL", "path", "chart", "targetRevision");

    /** The source with the folder's override files merged in; the source itself when there are none. */
    static Map<String, Object> apply(Map<String, Object> source, Path dir, Path tree, String appName)
            throws RenderException {
        Map<String, Object> merged = source;
        for (String name : List.of(".argocd-source.yaml", ".argocd-source-" + appName + ".yaml")) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String display = RepositoryPaths.display(tree, file);
            try {
                for (Map<String, Object> patch : YamlDocuments.parse(Files.readString(file), display)) {
                    merged = mergePatch(merged, patch);
                }
            } catch (IOException e) {
                throw new RenderException(display + ": cannot read: " + e.getMessage());
            }
        }
        if (merged != source) {
            merged = new LinkedHashMap<>(merged);
            for (String field : PROTECTED) {
                merged.remove(field);
                if (source.containsKey(field)) {
                    merged.put(field, source.get(field));
                }
            }
        }
        return merged;
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
