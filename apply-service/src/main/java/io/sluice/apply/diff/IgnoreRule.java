package io.sluice.apply.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of an Argo CD Application's spec.ignoreDifferences: which objects (group and kind,
 * which may be globs such as "*"; name and namespace when given) and which of their fields do not
 * count: JSON pointers, jq path expressions, and the fields that trusted managers own.
 *
 * @param group the API group, "" for the core group
 * @param name null: any
 * @param namespace null: any
 */
public record IgnoreRule(String group, String kind, String name, String namespace, List<String> jsonPointers,
        List<JqPath> jqPathExpressions, Set<String> managedFieldsManagers) {

    public IgnoreRule {
        jsonPointers = List.copyOf(jsonPointers);
        jqPathExpressions = List.copyOf(jqPathExpressions);
        managedFieldsManagers = Set.copyOf(managedFieldsManagers);
    }

    /** Whether the rule is about the object of this group, kind, namespace and name. */
    boolean matches(String objectGroup, String objectKind, String objectNamespace, String objectName) {
        return glob(group, objectGroup) && glob(kind, objectKind) && (name == null || name.equals(objectName))
                && (namespace == null || namespace.equals(objectNamespace));
    }

    /** The fields of {@code doc} that the rule ignores; managed fields are read from {@code live}. */
    List<FieldPath> in(JsonNode doc, JsonNode live) {
        List<FieldPath> paths = new ArrayList<>();
        for (String pointer : jsonPointers) {
            FieldPath path = FieldPath.ofPointer(pointer, doc);
            if (path != null) {
                paths.add(path);
            }
        }
        jqPathExpressions.forEach(jq -> paths.addAll(jq.in(doc)));
        if (!managedFieldsManagers.isEmpty()) {
            ManagedFieldPaths.owned(live, managedFieldsManagers).forEach(tree -> paths.addAll(ManagedFieldPaths.in(doc,
                    tree)));
        }
        return paths;
    }

    /** Argo CD's group and kind globs: "*" any run of characters, "?" one. */
    private static boolean glob(String pattern, String value) {
        if (!pattern.contains("*") && !pattern.contains("?")) {
            return pattern.equals(value);
        }
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return value.matches(regex);
    }
}
