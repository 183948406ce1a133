package io.sluice.source.config;

import io.sluice.api.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads fields of a configuration document by dotted path ("spec.sourceRef.name"), naming the field in every error. */
public final class DocumentFields {

    /** The value at {@code path}, or null when any step of it is missing. */
    public static Object at(Map<String, Object> document, String path) {
        Object current = document;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    public static String optionalString(Map<String, Object> document, String path) {
        Object value = at(document, path);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new InvalidFieldException(path + " must be a string");
        }
        return text.isBlank() ? null : text;
    }

    public static String requiredString(Map<String, Object> document, String path) {
        String value = optionalString(document, path);
        if (value == null) {
            throw new InvalidFieldException(path + " is required");
        }
        return value;
    }

    public static boolean optionalBoolean(Map<String, Object> document, String path) {
        Object value = at(document, path);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw new InvalidFieldException(path + " must be true or false");
        }
        return flag;
    }

    /** A Go duration such as Flux's {@code spec.interval}, required and greater than zero. */
    public static Duration requiredDuration(Map<String, Object> document, String path) {
        String text = requiredString(document, path);
        Duration duration;
        try {
            duration = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(path + ": " + e.getMessage());
        }
        if (duration.isZero()) {
            throw new InvalidFieldException(path + " must be greater than 0");
        }
        return duration;
    }

    public static List<?> requiredList(Map<String, Object> document, String path) {
        Object value = at(document, path);
        if (value == null) {
            throw new InvalidFieldException(path + " is required");
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidFieldException(path + " must be a non-empty list");
        }
        return list;
    }

    /**
     * The fields of the mapping at {@code path} that are not in {@code known}, sorted, each as
     * "{@code path}.<field>": what a document asks for that Sluice does not act on yet.
     */
    public static List<String> unknownFields(Map<String, Object> document, String path, Set<String> known) {
        if (!(at(document, path) instanceof Map<?, ?> fields)) {
            return List.of();
        }
        return fields.keySet().stream().map(String::valueOf).filter(field -> !known.contains(field)).sorted()
                .map(field -> path + "." + field).toList();
    }

    private DocumentFields() {
    }
}
