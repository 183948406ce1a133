package io.sluice.render.manifest;

import io.sluice.api.ObjectRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of one render in order, with the file each came from. Collects every error
 * (a missing apiVersion, kind or name; an object defined twice) so a user sees them all at once.
 */
public final class ManifestObjects {
    private final List<Map<String, Object>> objects = new ArrayList<>();
    private final Map<String, String> originById = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    public void add(Map<String, Object> object, String origin) {
        Object apiVersion = object.get("apiVersion");
        Object kind = object.get("kind");
        Object name = object.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
        List<String> missing = new ArrayList<>();
        if (!(apiVersion instanceof String) || ((String) apiVersion).isBlank()) {
            missing.add("apiVersion");
        }
        if (!(kind instanceof String) || ((String) kind).isBlank()) {
            missing.add("kind");
        }
        if (!(name instanceof String) || ((String) name).isBlank()) {
            missing.add("metadata.name");
        }
        if (!missing.isEmpty()) {
            errors.add(origin + ": an object has no " + String.join(", ", missing)
                    + (name instanceof String ? " (name " + name + ")" : ""));
            return;
        }
        ObjectRef ref = new ObjectRef((String) apiVersion, (String) kind, namespace(object), (String) name);
        String first = originById.putIfAbsent(ref.id(), origin);
        if (first != null) {
            errors.add("duplicate object " + ref.display() + " (" + apiVersion + ") in " + first + " and " + origin);
            return;
        }
        objects.add(object);
    }

    public void addError(String error) {
        errors.add(error);
    }

    /** The objects, or every error found. */
    public List<Map<String, Object>> result() throws RenderException {
        if (!errors.isEmpty()) {
            throw new RenderException(errors);
        }
        return List.copyOf(objects);
    }

    private static String namespace(Map<String, Object> object) {
        Object namespace = ((Map<?, ?>) object.get("metadata")).get("namespace");
        return namespace instanceof String s ? s : "";
    }
}
