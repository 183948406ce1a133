package io.sluice.api.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The functions a template may call, by name: Go's predefined ones, plus sprig's {@code default},
 * {@code lower}, {@code upper}, {@code replace} and {@code toYaml} in {@link #standard()}. Immutable;
 * {@link #with} gives a copy with one more (or a replaced) function, as Go's Funcs does.
 */
public final class TemplateFunctions {
    private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{Nd}_]*");
    private static final TemplateFunctions GO = new TemplateFunctions(BuiltinFunctions.all());
    private static final TemplateFunctions STANDARD = GO.withAll(SprigFunctions.all());

    private final Map<String, TemplateFunction> functions;

    private TemplateFunctions(Map<String, TemplateFunction> functions) {
        this.functions = Map.copyOf(functions);
    }

    /** Go's predefined functions only. */
    public static TemplateFunctions go() {
        return GO;
    }

    /** Go's predefined functions and the sprig functions Flux and Argo CD templates use. */
    public static TemplateFunctions standard() {
        return STANDARD;
    }

    /** A copy that also has {@code function} under {@code name} (a Go identifier). */
    public TemplateFunctions with(String name, TemplateFunction function) {
        return withAll(Map.of(name, function));
    }

    private TemplateFunctions withAll(Map<String, TemplateFunction> added) {
        Map<String, TemplateFunction> all = new HashMap<>(functions);
        added.forEach((name, function) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("function name " + Quoting.goQuote(name) + " is not a valid identifier");
            }
            all.put(name, function);
        });
        return new TemplateFunctions(all);
    }

    Set<String> names() {
        return functions.keySet();
    }

    TemplateFunction get(String name) {
        return functions.get(name);
    }
}
