package io.sluice.render.helm;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.api.helm.HelmRelease;
import io.sluice.api.meta.DataReference;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.postbuild.MountedObjects.NotFoundException;
import io.sluice.render.postbuild.MountedObjects;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers a HelmRelease's values as helm-controller does: each valuesFrom reference in order, a
 * whole values file deep-merged at the root or one value set at its targetPath, then spec.values
 * merged over them all; a later value wins, maps merge key by key. A missing reference is an
 * error unless optional. Errors never quote a value: some come from Secrets.
 */
public final class ValuesSources {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final int MIN_REDACTED = 4;

    private final MountedObjects configMaps;
    private final MountedObjects secrets;

    public ValuesSources(MountedObjects configMaps, MountedObjects secrets) {
        this.configMaps = configMaps;
        this.secrets = secrets;
    }

    /** The values of {@code release}; errors start with {@code origin}. */
    public ReleaseValues load(HelmRelease release, String origin) throws RenderException {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> secretValues = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String namespace = release.metadata().namespace();
        List<DataReference> valuesFrom = release.spec().valuesFrom();
        for (int i = 0; i < valuesFrom.size(); i++) {
            DataReference reference = valuesFrom.get(i);
            boolean secret = reference.secret();
            MountedObjects objects = secret ? secrets : configMaps;
            String where = origin + ": spec.valuesFrom[" + i + "]: " + reference.kind() + " " + namespace
                    + "/" + reference.name();
            Optional<Map<String, String>> data;
            try {
                data = objects.get(namespace, reference.name());
            } catch (NotFoundException e) {
                if (!reference.optional()) {
                    errors.add(origin + ": spec.valuesFrom[" + i + "]: " + e.getMessage());
                }
                continue;
            }
            String text = data.map(d -> d.get(reference.valuesKey())).orElse(null);
            if (text == null) {
                if (!reference.optional()) {
                    errors.add(where + (data.isEmpty() ? " not found in " + objects.location(namespace,
                            reference.name()) : " has no key '" + reference.valuesKey() + "'"));
                }
                continue;
            }
            if (reference.targetPath() != null && !reference.targetPath().isEmpty()) {
                if (secret) {
                    secretValues.add(text.strip());
                }
                setAt(values, reference.targetPath(), text);
            } else {
                try {
                    Map<String, Object> parsed = parse(text);
                    if (secret) {
                        collectScalars(parsed, secretValues);
                    }
                    merge(values, parsed);
                } catch (IOException | ClassCastException e) {
                    // The parser's message may quote the text: name the key only.
                    errors.add(where + " key '" + reference.valuesKey() + "' is not a YAML map of values");
                }
            }
        }
        merge(values, release.spec().values());
        if (!errors.isEmpty()) {
            throw new RenderException(errors);
        }
        return new ReleaseValues(values, List.copyOf(secretValues));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String text) throws IOException {
        Object parsed = YAML.readValue(text, Object.class);
        return parsed == null ? Map.of() : (Map<String, Object>) parsed;
    }

    /**
     * Every value of a Secret's values file that could be quoted by a failing template. Values under
     * {@value #MIN_REDACTED} characters are left: hiding each "1" or "on" would make messages unreadable.
     */
    private static void collectScalars(Object value, List<String> scalars) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collectScalars(item, scalars));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectScalars(item, scalars));
        } else if (value != null && String.valueOf(value).strip().length() >= MIN_REDACTED) {
            scalars.add(String.valueOf(value).strip());
        }
    }

    /** Deep merge as Helm merges values files: maps merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> base, Map<String, Object> overlay) {
        overlay.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && base.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
                merge(merged, (Map<String, Object>) map);
                base.put(key, merged);
            } else {
                base.put(key, value instanceof Map<?, ?> map ? copy((Map<String, Object>) map) : value);
            }
        });
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        merge(copy, map);
        return copy;
    }

    /** Sets the single value at a dotted path, making the maps on the way. */
    @SuppressWarnings("unchecked")
    static void setAt(Map<String, Object> values, String path, String value) {
        String[] keys = path.split("\\.");
        Map<String, Object> map = values;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = map.get(keys[i]);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
            } else {
                next = new LinkedHashMap<>((Map<String, Object>) next);
            }
            map.put(keys[i], next);
            map = (Map<String, Object>) next;
        }
        map.put(keys[keys.length - 1], value.strip());
    }
}
