package io.sluice.apply.diff;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads an Argo CD Application's spec.ignoreDifferences into {@link IgnoreRule}s, checking each JSON
 * pointer and compiling each jq expression once, so that a mistake is a spec error naming the entry
 * and field ("ignoreDifferences[0].jqPathExpressions[1]") rather than a silent no-op at diff time.
 */
public final class IgnoreDifferencesSpec {
    private IgnoreDifferencesSpec() {
    }

    /**
     * @param value the field's value (a list of maps), null when absent
     * @param field its path under spec, e.g. "ignoreDifferences"
     * @param invalid makes the error for a path under spec and a problem (it names the file and object)
     */
    public static List<IgnoreRule> read(Object value, String field,
            BiFunction<String, String, IllegalArgumentException> invalid) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> entries)) {
            throw invalid.apply(field, "must be a list, not '" + value + "'");
        }
        List<IgnoreRule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw invalid.apply(at, "must be a map with kind and jsonPointers, jqPathExpressions or"
                        + " managedFieldsManagers, not '" + entries.get(i) + "'");
            }
            rules.add(rule(entry, at, invalid));
        }
        return List.copyOf(rules);
    }

    private static IgnoreRule rule(Map<?, ?> entry, String at, BiFunction<String, String, IllegalArgumentException> invalid) {
        String kind = text(entry, "kind", at, invalid);
        if (kind == null) {
            throw invalid.apply(at + ".kind", "is required");
        }
        String group = text(entry, "group", at, invalid);
        List<String> pointers = strings(entry, "jsonPointers", at, invalid);
        for (int i = 0; i < pointers.size(); i++) {
            checkPointer(pointers.get(i), at + ".jsonPointers[" + i + "]", invalid);
        }
        List<String> expressions = strings(entry, "jqPathExpressions", at, invalid);
        List<JqPath> jq = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            try {
                jq.add(JqPath.compile(expressions.get(i)));
            } catch (IllegalArgumentException e) {
                throw invalid.apply(at + ".jqPathExpressions[" + i + "]", e.getMessage());
            }
        }
        return new IgnoreRule(group == null ? "" : group, kind, text(entry, "name", at, invalid),
                text(entry, "namespace", at, invalid), pointers, jq,
                new LinkedHashSet<>(strings(entry, "managedFieldsManagers", at, invalid)));
    }

    private static void checkPointer(String pointer, String at,
            BiFunction<String, String, IllegalArgumentException> invalid) {
        try {
            if (pointer.isEmpty()) {
                throw new IllegalArgumentException("the empty pointer would ignore the whole object");
            }
            JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw invalid.apply(at, "'" + pointer + "' is not a JSON pointer (RFC 6901, e.g. /spec/replicas): "
                    + e.getMessage());
        }
    }

    private static String text(Map<?, ?> entry, String key, String at,
            BiFunction<String, String, IllegalArgumentException> invalid) {
        Object value = entry.get(key);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw invalid.apply(at + "." + key, "must be a string, not '" + value + "'");
    }

    private static List<String> strings(Map<?, ?> entry, String key, String at,
            BiFunction<String, String, IllegalArgumentException> invalid) {
        Object value = entry.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid.apply(at + "." + key, "must be a list of strings, not '" + value + "'");
    }
}
