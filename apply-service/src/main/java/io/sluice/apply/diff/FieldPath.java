package io.sluice.apply.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One field of one JSON document, as the keys (String) and array indexes (Integer) that lead to
 * it: what a JSON pointer, a jq path expression or a managed-fields entry resolves to in a given
 * object (array indexes differ between the live and the desired object, so paths are resolved per
 * document).
 */
record FieldPath(List<Object> steps) {
    /**
     * Deepest and rightmost first, so that removing paths one after the other never shifts the
     * index of an array element still to be removed.
     */
    static final Comparator<FieldPath> REMOVAL_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.steps.size(), b.steps.size()); i++) {
            Object x = a.steps.get(i);
            Object y = b.steps.get(i);
            int c = x instanceof Integer xi && y instanceof Integer yi ? yi.compareTo(xi)
                    : String.valueOf(y).compareTo(String.valueOf(x));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.steps.size(), a.steps.size());
    };

    FieldPath {
        steps = List.copyOf(steps);
    }

    /**
     * The path a JSON pointer names in {@code doc}, its numeric tokens taken as indexes where the
     * document has an array; null when the document has no such field.
     */
    static FieldPath ofPointer(String pointer, JsonNode doc) {
        List<Object> steps = new ArrayList<>();
        JsonNode node = doc;
        for (String raw : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (node instanceof ObjectNode object && object.has(token)) {
                steps.add(token);
                node = object.get(token);
            } else if (node instanceof ArrayNode array && token.matches("\\d+")
                    && Integer.parseInt(token) < array.size()) {
                steps.add(Integer.parseInt(token));
                node = array.get(Integer.parseInt(token));
            } else {
                return null;
            }
        }
        return new FieldPath(steps);
    }

    /** The value at this path in {@code doc}; null when absent. */
    JsonNode in(JsonNode doc) {
        JsonNode node = doc;
        for (Object step : steps) {
            node = node == null ? null : step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    /** Removes the field from {@code doc}, if there. */
    void removeFrom(JsonNode doc) {
        if (steps.isEmpty()) {
            return;
        }
        JsonNode parent = parent().in(doc);
        Object last = steps.get(steps.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String key) {
            object.remove(key);
        } else if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            array.remove(index);
        }
    }

    /**
     * Sets the field in {@code doc} to {@code value}, creating the maps on the way; does nothing
     * when an array on the way lacks the element (the list itself then differs, and Git's stays).
     */
    void set(JsonNode doc, JsonNode value) {
        JsonNode node = doc;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object step = steps.get(i);
            JsonNode next = step instanceof Integer index ? node.get(index) : node.get((String) step);
            if (next == null && node instanceof ObjectNode object && step instanceof String key) {
                next = object.putObject(key);
            }
            if (next == null) {
                return;
            }
            node = next;
        }
        Object last = steps.get(steps.size() - 1);
        if (node instanceof ObjectNode object && last instanceof String key) {
            object.set(key, value.deepCopy());
        } else if (node instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            array.set(index, value.deepCopy());
        }
    }

    FieldPath parent() {
        return new FieldPath(steps.subList(0, Math.max(0, steps.size() - 1)));
    }

    FieldPath child(Object step) {
        List<Object> more = new ArrayList<>(steps);
        more.add(step);
        return new FieldPath(more);
    }
}
