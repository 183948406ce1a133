package io.sluice.apply.app;

import io.sluice.events.ConfigDocument;
import io.sluice.api.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of an application's spec by dotted path ("install.createNamespace"); a wrong type
 * is an error naming the file, the object and the field.
 */
final class SpecFields {
    private final ConfigDocument doc;

    SpecFields(ConfigDocument doc) {
        this.doc = doc;
    }

    /** The value at {@code path} under spec; null when it or a map on the way is absent. */
    Object at(String path) {
        Object value = doc.spec();
        String walked = "";
        for (String key : path.split("\\.")) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw invalid(walked, "must be a map, not '" + value + "'");
            }
            value = map.get(key);
            walked = walked.isEmpty() ? key : walked + "." + key;
        }
        return value;
    }

    boolean flag(String path) {
        Object value = at(path);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw invalid(path, "must be true or false, not '" + value + "'");
    }

    /** A string; null when absent or blank. */
    String text(String path) {
        Object value = at(path);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw invalid(path, "must be a string, not '" + value + "'");
    }

    /** A Go duration longer than 0; {@code absent} when the field is. */
    Duration duration(String path, Duration absent) {
        String text = text(path);
        if (text == null) {
            return absent;
        }
        Duration duration;
        try {
            duration = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
        if (duration.isZero() || duration.isNegative()) {
            throw invalid(path, "must be longer than 0, not '" + text + "'");
        }
        return duration;
    }

    /** A list of strings; empty when absent. */
    List<String> strings(String path) {
        Object value = at(path);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid(path, "must be a list of strings, not '" + value + "'");
    }

    /** A map of strings to strings (labels, annotations); empty when absent. */
    Map<String, String> stringMap(String path) {
        Object value = at(path);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)
                && map.values().stream().allMatch(String.class::isInstance)) {
            @SuppressWarnings("unchecked")
            Map<String, String> strings = (Map<String, String>) map;
            return Map.copyOf(strings);
        }
        throw invalid(path, "must be a map of strings, not '" + value + "'");
    }

    IllegalArgumentException invalid(String path, String problem) {
        return new IllegalArgumentException(doc.origin() + ": " + doc.ref().display() + ": spec." + path + " "
                + problem);
    }
}
