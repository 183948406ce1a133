package io.sluice.api.template;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML as sprig's toYaml writes it (through sigs.k8s.io/yaml and go-yaml v2): mapping keys sorted, sequences
 * not indented under their key, strings quoted only when they would read as something else (double
 * quotes for {@code "true"} or {@code "1"}, single quotes for other unsafe text), multi-line strings as
 * literal blocks; no trailing newline. Long lines are not folded.
 */
final class YamlText {
    private YamlText() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        Object normal = normalise(value);
        if (normal instanceof Map<?, ?> map && !map.isEmpty()) {
            mapping(out, map, 0);
        } else if (normal instanceof List<?> list && !list.isEmpty()) {
            sequence(out, list, 0);
        } else {
            out.append(scalar(normal, 0)).append('\n');
        }
        return out.toString().replaceAll("\n$", "");
    }

    /** Records become maps of their components (as JSON encodes structs), arrays lists; map keys strings. */
    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new LinkedHashMap<>();
            GoValues.sortedEntries(map).forEach(entry -> sorted.put(GoValues.print(entry.getKey(), false), normalise(entry.getValue())));
            return sorted;
        }
        if (value instanceof Record) {
            Map<String, Object> fields = new java.util.TreeMap<>();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                fields.put(GoValues.capitalise(component.getName()), GoValues.field(value, component.getName(), MissingKey.DEFAULT));
            }
            return normalise(fields);
        }
        List<?> list = value instanceof String ? null : GoValues.asList(value);
        if (list != null) {
            return list.stream().map(YamlText::normalise).toList();
        }
        return value == GoValues.MISSING ? null : value;
    }

    /** Writes the entries; the cursor already stands where the first key goes. */
    private static void mapping(StringBuilder out, Map<?, ?> map, int indent) {
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(first ? "" : " ".repeat(indent)).append(scalar(entry.getKey(), indent)).append(':');
            first = false;
            nested(out, entry.getValue(), indent, true);
        }
    }

    /** Writes the items; the cursor already stands where the first dash goes. */
    private static void sequence(StringBuilder out, List<?> list, int indent) {
        boolean first = true;
        for (Object item : list) {
            out.append(first ? "" : " ".repeat(indent)).append('-');
            first = false;
            nested(out, item, indent, false);
        }
    }

    private static void nested(StringBuilder out, Object value, int indent, boolean underKey) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            if (underKey) {
                out.append('\n').append(" ".repeat(indent + 2));
            } else {
                out.append(' ');
            }
            mapping(out, map, indent + 2);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            if (underKey) {
                out.append('\n').append(" ".repeat(indent));
                sequence(out, list, indent);
            } else {
                out.append(' ');
                sequence(out, list, indent + 2);
            }
        } else {
            out.append(' ').append(scalar(value, indent)).append('\n');
        }
    }

    private static String scalar(Object value, int indent) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "{}";
        }
        if (value instanceof List) {
            return "[]";
        }
        if (!(value instanceof String text)) {
            return GoValues.print(value, false);
        }
        if (text.contains("\n")) {
            String chomp = text.endsWith("\n") ? (text.endsWith("\n\n") ? "+" : "") : "-";
            String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            String pad = " ".repeat(indent + 2);
            return "|" + chomp + "\n" + pad + body.replace("\n", "\n" + pad).replaceAll("(?m)^ +$", "");
        }
        if (Yaml11Scalars.canBePlain(text)) {
            return text;
        }
        if (Yaml11Scalars.readsAsNonString(text) || text.chars().anyMatch(ch -> ch < ' ' || ch == 0x7f)) {
            return Quoting.goQuote(text);
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
