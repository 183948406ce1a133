package io.sluice.api.argo;

import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector, as ApplicationSet generators select clusters and generated parameters:
 * every label of {@code matchLabels} and every expression must match.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Expression> matchExpressions) {

    /**
     * @param operator In, NotIn, Exists or DoesNotExist
     * @param values the values In and NotIn compare with (required for them, none for the others)
     */
    public record Expression(String key, String operator, List<String> values) {

        static Expression read(Node expression) {
            return read(expression, "In", "NotIn", "Exists", "DoesNotExist");
        }

        /** An expression whose operator is one of {@code operators}. */
        static Expression read(Node expression, String... operators) {
            String key = expression.get("key").requiredString();
            String operator = expression.get("operator").requiredOneOf(operators);
            Node valuesField = expression.get("values");
            List<String> values = valuesField.strings();
            boolean compares = "In".equals(operator) || "NotIn".equals(operator);
            if (compares && values.isEmpty()) {
                valuesField.error("is required with operator " + operator);
            } else if (operator != null && !compares && !values.isEmpty()) {
                valuesField.error("must be empty with operator " + operator);
            }
            return new Expression(key, operator, values);
        }
    }

    static LabelSelector read(Node selector) {
        return new LabelSelector(selector.get("matchLabels").stringMap(),
                selector.get("matchExpressions").list(item -> item.object(Expression::read)));
    }
}
