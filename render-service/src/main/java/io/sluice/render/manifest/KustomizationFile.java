package io.sluice.render.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.api.kustomize.Image;
import io.sluice.api.kustomize.Kustomization.BuildOptions;
import io.sluice.api.kustomize.Patch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The kustomization file of the folder a Flux Kustomization builds, made the way Flux's
 * kustomize-controller makes it: generated when the folder has none (see {@link ManifestScan}),
 * then edited in place with the Kustomization's options. targetNamespace, namePrefix and
 * nameSuffix replace the file's own values; patches and components are appended; an image of the
 * same name is merged. The folder is inside the render's scratch copy of the artifact, never the
 * repository itself.
 */
public final class KustomizationFile {
    /** The names kustomize recognises, in its order of preference. */
    private static final List<String> NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The kustomization file of {@code dir}, or null when it has none. */
    public static Path find(Path dir) {
        return NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    /** Reads a kustomization file: one YAML mapping; errors name {@code origin}. */
    public static Map<String, Object> read(Path file, String origin) throws RenderException {
        try {
            List<Map<String, Object>> documents = ManifestYaml.parse(Files.readString(file), origin);
            if (documents.size() > 1) {
                throw new RenderException(origin + ": holds " + documents.size() + " YAML documents, not one");
            }
            return documents.isEmpty() ? new LinkedHashMap<>() : new LinkedHashMap<>(documents.get(0));
        } catch (IOException e) {
            throw new RenderException(origin + ": cannot read: " + e.getMessage());
        }
    }

    /** Writes the kustomization Flux would build for {@code dir}; returns its file. */
    public static Path write(Path dir, Path tree, BuildOptions options) throws RenderException {
        Path file = find(dir);
        Map<String, Object> kustomization;
        if (file == null) {
            file = dir.resolve(NAMES.get(0));
            kustomization = generated(ManifestScan.resources(dir, tree));
        } else {
            kustomization = read(file, RepositoryPaths.display(tree, file));
            if (!(kustomization.get("resources") instanceof List<?> resources) || resources.isEmpty()) {
                // Flux's own guard against kustomize's "kustomization.yaml is empty" error: it adds origin
                // annotations to what such a kustomization generates.
                kustomization.put("buildMetadata", List.of("originAnnotations"));
            }
        }
        // A component outside the repository is kept, for the guard to refuse, whether or not it exists.
        Map<String, Object> merged = merge(kustomization, options, component -> {
            Path path = dir.resolve(component).normalize();
            return !path.startsWith(tree) || Files.exists(path);
        });
        try {
            // A link would be written through: replace it with a file of its own.
            Files.deleteIfExists(file);
            Files.writeString(file, YAML.writeValueAsString(merged));
        } catch (JsonProcessingException e) {
            throw new RenderException(RepositoryPaths.display(tree, file) + ": cannot write: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RenderException(RepositoryPaths.display(tree, file) + ": cannot write: " + e.getMessage());
        }
        return file;
    }

    /** What Flux writes for a folder without a kustomization file. */
    public static Map<String, Object> generated(List<String> resources) {
        Map<String, Object> kustomization = new LinkedHashMap<>();
        kustomization.put("apiVersion", API_VERSION);
        kustomization.put("kind", "Kustomization");
        if (resources.isEmpty()) {
            // An empty kustomization does not build: Flux sets a namespace nothing uses.
            kustomization.put("namespace", "_placeholder");
        } else {
            kustomization.put("resources", resources);
        }
        return kustomization;
    }

    /**
     * {@code kustomization} with the options applied; {@code componentExists} says whether a
     * component path (relative to the folder) exists, for ignoreMissingComponents.
     */
    public static Map<String, Object> merge(Map<String, Object> kustomization, BuildOptions options,
            Predicate<String> componentExists) throws RenderException {
        Map<String, Object> merged = new LinkedHashMap<>(kustomization);
        if (options.targetNamespace() != null) {
            merged.put("namespace", options.targetNamespace());
        }
        if (options.namePrefix() != null) {
            merged.put("namePrefix", options.namePrefix());
        }
        if (options.nameSuffix() != null) {
            merged.put("nameSuffix", options.nameSuffix());
        }
        if (!options.patches().isEmpty()) {
            List<Object> patches = list(merged, "patches");
            for (Patch patch : options.patches()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("patch", patch.patch());
                if (!patch.target().isEmpty()) {
                    entry.put("target", patch.target());
                }
                patches.add(entry);
            }
        }
        List<String> components = new ArrayList<>();
        for (String component : options.components()) {
            if (!KustomizationGuard.isLocalRelative(component)) {
                throw new RenderException("spec.components: component path '" + component
                        + "' must be local and relative");
            }
            if (!options.ignoreMissingComponents() || componentExists.test(component)) {
                components.add(component);
            }
        }
        if (!components.isEmpty()) {
            list(merged, "components").addAll(components);
        }
        if (!options.images().isEmpty()) {
            List<Object> images = list(merged, "images");
            options.images().forEach(image -> mergeImage(images, image));
        }
        return merged;
    }

    /**
     * Like Flux: an image already listed under the same name keeps the fields the Kustomization
     * leaves unset, and newTag and digest are replaced together (both pick the version).
     */
    @SuppressWarnings("unchecked")
    private static void mergeImage(List<Object> images, Image image) {
        for (Object existing : images) {
            if (existing instanceof Map<?, ?> entry && image.name().equals(entry.get("name"))) {
                Map<String, Object> fields = (Map<String, Object>) entry;
                if (image.newName() != null && !image.newName().isEmpty()) {
                    fields.put("newName", image.newName());
                }
                if (nonEmpty(image.newTag()) || nonEmpty(image.digest())) {
                    putOrRemove(fields, "newTag", image.newTag());
                    putOrRemove(fields, "digest", image.digest());
                }
                return;
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", image.name());
        putOrRemove(entry, "newName", image.newName());
        putOrRemove(entry, "newTag", image.newTag());
        putOrRemove(entry, "digest", image.digest());
        images.add(entry);
    }

    /** The list at {@code field}, copied so that appending never changes the list that was read. */
    private static List<Object> list(Map<String, Object> kustomization, String field) {
        List<Object> copy = new ArrayList<>();
        if (kustomization.get(field) instanceof List<?> items) {
            for (Object item : items) {
                copy.add(item instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : item);
            }
        }
        kustomization.put(field, copy);
        return copy;
    }

    private static boolean nonEmpty(String value) {
        return value != null && !value.isEmpty();
    }

    private static void putOrRemove(Map<String, Object> fields, String key, String value) {
        if (nonEmpty(value)) {
            fields.put(key, value);
        } else {
            fields.remove(key);
        }
    }

    private KustomizationFile() {
    }
}
