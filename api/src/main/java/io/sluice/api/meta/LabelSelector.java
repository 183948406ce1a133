package io.sluice.api.meta;

import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector (metav1.LabelSelector): {@code matchLabels} and {@code matchExpressions},
 * all of which must hold. Empty selects everything.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    /** One {@code matchExpressions} entry: {@code key} In, NotIn, Exists or DoesNotExist {@code values}. */
    public record Requirement(String key, String operator, List<String> values) {

        static Requirement read(Node requirement) {
            return read(requirement, "In", "NotIn", "Exists", "DoesNotExist");
        }

        /** Whether {@code labels} meet this requirement, as Kubernetes' labels.Requirement.Matches decides. */
        boolean matches(Map<String, String> labels) {
            return switch (operator) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                default -> !labels.containsKey(key);
            };
        }

        /** A requirement whose operator must be one of {@code operators} (an ApplicationSet step takes In and NotIn). */
        public static Requirement read(Node requirement, String... operators) {
            String key = requirement.get("key").requiredString();
            String operator = requirement.get("operator").requiredOneOf(operators);
            Node valuesField = requirement.get("values");
            List<String> values = valuesField.strings();
            // Kubernetes' ValidateLabelSelectorRequirement: In and NotIn need values, Exists and DoesNotExist
            // take none.
            if (("In".equals(operator) || "NotIn".equals(operator)) && values.isEmpty()) {
                valuesField.error("must not be empty for operator " + operator);
            } else if (("Exists".equals(operator) || "DoesNotExist".equals(operator)) && !values.isEmpty()) {
                valuesField.error("must be empty for operator " + operator);
            }
            return new Requirement(key, operator, values);
        }
    }

    /** Whether the selector has no requirement at all (it then selects everything). */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** Whether {@code labels} meet every matchLabels entry and every matchExpressions requirement. */
    public boolean matches(Map<String, String> labels) {
        return matchLabels.entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())))
                && matchExpressions.stream().allMatch(requirement -> requirement.matches(labels));
    }

    public static LabelSelector read(Node selector) {
        return new LabelSelector(selector.get("matchLabels").stringMap(),
                selector.get("matchExpressions").list(Requirement::read));
    }
}
