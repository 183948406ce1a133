package io.sluice.apply.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.argo.IgnoreDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of an Argo CD Application's spec.ignoreDifferences ({@link IgnoreDifference}) ready for
 * the diff: which objects (group and kind, which may be globs such as "*"; name and namespace when
 * given) and which of their fields do not count: JSON pointers, jq path expressions (compiled), and
 * the fields that trusted managers own.
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

    /**
     * The rules of an Argo CD Application's spec.ignoreDifferences, each jq expression compiled once,
     * so that one jq cannot compile is an error naming its field rather than nothing ignored at diff time.
     *
     * @throws IllegalArgumentException naming the field, e.g. spec.ignoreDifferences[0].jqPathExpressions[1]
     */
    public static List<IgnoreRule> of(List<IgnoreDifference> entries) {
        List<IgnoreRule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            IgnoreDifference entry = entries.get(i);
            List<JqPath> jq = new ArrayList<>();
            for (int j = 0; j < entry.jqPathExpressions().size(); j++) {
                try {
                    jq.add(JqPath.compile(entry.jqPathExpressions().get(j)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("spec.ignoreDifferences[" + i + "].jqPathExpressions[" + j + "] "
                            + e.getMessage(), e);
                }
            }
            rules.add(new IgnoreRule(entry.group(), entry.kind(), entry.name(), entry.namespace(),
                    entry.jsonPointers(), jq, Set.copyOf(entry.managedFieldsManagers())));
        }
        return List.copyOf(rules);
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
