package io.sluice.api.argo;

import com.fasterxml.jackson.core.JsonPointer;
import io.sluice.api.read.Node;
import java.util.List;

/**
 * One entry of an Argo CD Application's spec.ignoreDifferences: which objects (by group, kind and,
 * when set, name and namespace, compared exactly) and which of their fields do not count when
 * comparing with the cluster: JSON pointers, jq path expressions (compiled where the diff runs), and
 * fields last written by the named managers.
 *
 * @param group the API group; "" for the core group ("*": any)
 * @param kind the kind ("*": any); required
 * @param name null: any
 * @param namespace null: any
 */
public record IgnoreDifference(String group, String kind, String name, String namespace, List<String> jsonPointers,
        List<String> jqPathExpressions, List<String> managedFieldsManagers) {

    static IgnoreDifference read(Node entry) {
        String group = entry.get("group").string();
        String kind = entry.get("kind").requiredString();
        return new IgnoreDifference(group == null ? "" : group, kind, entry.get("name").string(),
                entry.get("namespace").string(), jsonPointers(entry.get("jsonPointers")),
                entry.get("jqPathExpressions").strings(), entry.get("managedFieldsManagers").strings());
    }

    /** JSON pointers, each checked (RFC 6901), so that a mistake is an error rather than nothing ignored. */
    static List<String> jsonPointers(Node pointers) {
        return pointers.list(item -> {
            if (item.raw() instanceof String text && text.isBlank()) {
                item.error("must not be empty: the empty pointer would ignore the whole object");
                return null;
            }
            String pointer = item.string();
            if (pointer == null) {
                return null;
            }
            try {
                JsonPointer.compile(pointer);
            } catch (IllegalArgumentException e) {
                item.error("'" + pointer + "' is not a JSON pointer (RFC 6901, e.g. /spec/replicas): " + e.getMessage());
                return null;
            }
            return pointer;
        });
    }
}
