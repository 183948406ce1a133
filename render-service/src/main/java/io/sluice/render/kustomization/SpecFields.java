package io.sluice.render.kustomization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads typed fields of a Kustomization spec as the Flux CRD defines them, collecting an error
 * that names the document and the field for each value of the wrong type.
 */
public final class SpecFields {
    private final String origin;
    private final List<String> errors;

    public SpecFields(String origin, List<String> errors) {
        this.origin = origin;
        this.errors = errors;
    }

    public void error(String field, String problem) {
        errors.add(origin + ": " + field + " " + problem);
    }

    /** The string at {@code field}, or null when absent or of another type (then an error). */
    public String text(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        error(field, "must be a string");
        return null;
    }

    public List<String> texts(Object value, String field) {
        List<String> texts = new ArrayList<>();
        for (Object item : list(value, field)) {
            String text = text(item, field + "[" + texts.size() + "]");
            texts.add(text == null ? "" : text);
        }
        return List.copyOf(texts);
    }

    /** Reads each item of the list at {@code field} with {@code read}, given the item and its field name. */
    public <T> List<T> eachObject(Object value, String field, BiFunction<Map<String, Object>, String, T> read) {
        List<T> results = new ArrayList<>();
        List<?> items = list(value, field);
        for (int i = 0; i < items.size(); i++) {
            String itemField = field + "[" + i + "]";
            results.add(read.apply(object(items.get(i), itemField), itemField));
        }
        return List.copyOf(results);
    }

    /** The string at {@code field}, with an error when it is absent or blank. */
    public String required(Object value, String field) {
        String text = text(value, field);
        if (text == null || text.isBlank()) {
            error(field, "is required");
        }
        return text;
    }

    public List<?> list(Object value, String field) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        error(field, "must be a list");
        return List.of();
    }

    /** A string-to-string map, as Kubernetes writes labels, annotations and substitute variables. */
    public Map<String, String> textMap(Object value, String field) {
        Map<String, String> result = new LinkedHashMap<>();
        object(value, field).forEach((key, item) -> {
            String text = text(item, field + "." + key);
            if (text != null) {
                result.put(key, text);
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object(Object value, String field) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        error(field, "must be an object");
        return Map.of();
    }

    public boolean flag(Object value, String field) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        error(field, "must be true or false");
        return false;
    }
}
