package io.sluice.apply.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields that given managers own in a live object, read from its metadata.managedFields
 * (fieldsV1: "f:name" a map key, "k:{...}" the list element with those keys, "v:..." the set
 * element with that value, "i:N" an index, "." the element itself), resolved in any document of
 * the same object: list elements are found by their keys, so the paths are right for the desired
 * object too.
 */
final class ManagedFieldPaths {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManagedFieldPaths() {
    }

    /** The fieldsV1 trees of the entries of {@code managers} in {@code live}'s managedFields. */
    static List<JsonNode> owned(JsonNode live, Set<String> managers) {
        List<JsonNode> trees = new ArrayList<>();
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            if (managers.contains(entry.path("manager").asText()) && entry.path("fieldsV1").isObject()) {
                trees.add(entry.get("fieldsV1"));
            }
        }
        return trees;
    }

    /** The leaf fields of {@code tree} that {@code doc} has. */
    static List<FieldPath> in(JsonNode doc, JsonNode tree) {
        List<FieldPath> found = new ArrayList<>();
        collect(doc, tree, new FieldPath(List.of()), found);
        return found;
    }

    private static void collect(JsonNode node, JsonNode tree, FieldPath at, List<FieldPath> found) {
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String key = member.getKey();
            Object step = key.equals(".") ? null : step(node, key);
            if (step == null) {
                continue;
            }
            JsonNode child = step instanceof Integer index ? node.get(index) : node.get((String) step);
            if (isLeaf(member.getValue())) {
                found.add(at.child(step));
            } else {
                collect(child, member.getValue(), at.child(step), found);
            }
        }
    }

    /** A member with nothing under it but "." is owned whole. */
    private static boolean isLeaf(JsonNode subtree) {
        for (Iterator<String> names = subtree.fieldNames(); names.hasNext(); ) {
            if (!".".equals(names.next())) {
                return false;
            }
        }
        return true;
    }

    /** The key or index that {@code key} names in {@code node}; null when {@code node} has no such member. */
    private static Object step(JsonNode node, String key) {
        String rest = key.substring(Math.min(2, key.length()));
        if (key.startsWith("f:")) {
            return node instanceof ObjectNode object && object.has(rest) ? rest : null;
        }
        if (!(node instanceof ArrayNode array)) {
            return null;
        }
        if (key.startsWith("i:")) {
            int index = Integer.parseInt(rest);
            return index < array.size() ? index : null;
        }
        JsonNode wanted = parse(rest);
        for (int i = 0; wanted != null && i < array.size(); i++) {
            if (key.startsWith("k:") ? hasAll(array.get(i), wanted) : key.startsWith("v:") && array.get(i).equals(wanted)) {
                return i;
            }
        }
        return null;
    }

    private static boolean hasAll(JsonNode element, JsonNode keys) {
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> key = it.next();
            JsonNode value = element.get(key.getKey());
            // Compared as text: the same number may be read as an int in one document and a long in the other.
            if (value == null || !value.asText().equals(key.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
