package io.sluice.apply.diff;

import com.fasterxml.jackson.databind.JsonNode;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import java.util.ArrayList;
import java.util.List;

/**
 * A jq path expression of ignoreDifferences (".spec.template.spec.containers[] | select(.name ==
 * \"web\") | .image"), evaluated as jq's {@code path(...)} on each object: the fields it selects.
 */
public final class JqPath {
    private static final Version JQ = Versions.JQ_1_6;
    private static final Scope BUILTINS = builtins();

    private final String expression;
    private final JsonQuery paths;

    private JqPath(String expression, JsonQuery paths) {
        this.expression = expression;
        this.paths = paths;
    }

    /**
     * @throws IllegalArgumentException with jq's reason when the expression does not compile
     */
    static JqPath compile(String expression) {
        try {
            return new JqPath(expression, JsonQuery.compile("path(" + expression + ")", JQ));
        } catch (JsonQueryException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a jq path expression: " + e.getMessage(), e);
        }
    }

    /**
     * The fields the expression selects in {@code doc}; none when it selects no field of this
     * object (as when it is not a path at all here, e.g. a comparison), as Argo CD then ignores nothing.
     */
    List<FieldPath> in(JsonNode doc) {
        List<FieldPath> found = new ArrayList<>();
        try {
            paths.apply(Scope.newChildScope(BUILTINS), doc, path -> {
                List<Object> steps = new ArrayList<>();
                for (JsonNode step : path) {
                    steps.add(step.isNumber() ? (Object) step.intValue() : step.asText());
                }
                if (!steps.isEmpty()) {
                    found.add(new FieldPath(steps));
                }
            });
        } catch (JsonQueryException e) {
            return List.of();
        }
        return found;
    }

    @Override
    public String toString() {
        return expression;
    }

    private static Scope builtins() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(JQ, scope);
        return scope;
    }
}
