package io.sluice.render.argo;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.api.argo.KustomizeOptions;
import io.sluice.render.manifest.KustomizationFile;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.manifest.RepositoryPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the kustomization file of an Argo CD kustomize source the Application's options, as Argo
 * CD's {@code kustomize edit} commands do on its copy of the repository (here the render's scratch
 * copy): namespace, namePrefix and nameSuffix replace the file's values, images are set by name,
 * patches and components appended (the same edits Flux makes, shared with it); commonLabels are
 * added as {@code edit add label} does (selectors included unless labelWithoutSelector; a label
 * the file already sets is an error unless forceCommonLabels), commonAnnotations likewise, and
 * replicas set by name.
 */
final class ArgoKustomization {
    private static final YAMLMapper YAML = new YAMLMapper();

    static void edit(Path dir, Path tree, KustomizeOptions options, String field) throws RenderException {
        Path file = KustomizationFile.find(dir);
        String display = RepositoryPaths.display(tree, file);
        Map<String, Object> kustomization = KustomizationFile.merge(KustomizationFile.read(file, display),
                options.build(), component -> Files.exists(dir.resolve(component).normalize()));
        List<String> errors = new ArrayList<>();
        if (!options.commonLabels().isEmpty()) {
            if (options.labelWithoutSelector()) {
                Map<String, Object> labels = new LinkedHashMap<>();
                labels.put("pairs", options.commonLabels());
                if (options.labelIncludeTemplates()) {
                    labels.put("includeTemplates", true);
                }
                appended(kustomization, "labels").add(labels);
            } else {
                add(kustomization, "commonLabels", options.commonLabels(), options.forceCommonLabels(),
                        field + ".commonLabels", display, errors);
            }
        }
        add(kustomization, "commonAnnotations", options.commonAnnotations(), options.forceCommonAnnotations(),
                field + ".commonAnnotations", display, errors);
        if (!options.replicas().isEmpty()) {
            List<Object> replicas = appended(kustomization, "replicas");
            for (KustomizeOptions.Replica replica : options.replicas()) {
                replicas.removeIf(entry -> entry instanceof Map<?, ?> map && replica.name().equals(map.get("name")));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", replica.name());
                entry.put("count", replica.count());
                replicas.add(entry);
            }
        }
        if (!errors.isEmpty()) {
            throw new RenderException(errors);
        }
        try {
            // A link would be written through: replace it with a file of its own.
            Files.deleteIfExists(file);
            Files.writeString(file, YAML.writeValueAsString(kustomization));
        } catch (IOException e) {
            throw new RenderException(display + ": cannot write: " + e.getMessage());
        }
    }

    /** {@code kustomize edit add label|annotation [--force]}: refuses to change a key the file sets, unless forced. */
    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> kustomization, String key, Map<String, String> pairs, boolean force,
            String field, String display, List<String> errors) {
        if (pairs.isEmpty()) {
            return;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (kustomization.get(key) instanceof Map<?, ?> existing) {
            merged.putAll((Map<String, Object>) existing);
        }
        pairs.forEach((name, value) -> {
            if (!force && merged.containsKey(name)) {
                errors.add(field + ": " + name + " is already set in " + display
                        + " (set " + field.substring(field.lastIndexOf('.') + 1).replace("common", "forceCommon")
                        + " to replace it)");
            } else {
                merged.put(name, value);
            }
        });
        kustomization.put(key, merged);
    }

    /** The list at {@code key}, copied so that the document read is never changed in place. */
    private static List<Object> appended(Map<String, Object> kustomization, String key) {
        List<Object> list = new ArrayList<>();
        if (kustomization.get(key) instanceof List<?> existing) {
            list.addAll(existing);
        }
        kustomization.put(key, list);
        return list;
    }

    private ArgoKustomization() {
    }
}
