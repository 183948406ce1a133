package io.sluice.api.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of Masterminds/sprig that Flux (HermeticTxtFuncMap) and Argo CD (goTemplate) templates
 * use most, with sprig's argument order ({@code replace OLD NEW SRC}, {@code default DEFAULT VALUE}) so
 * that they read well at the end of a pipeline.
 */
final class SprigFunctions {
    private SprigFunctions() {
    }

    static Map<String, TemplateFunction> all() {
        Map<String, TemplateFunction> functions = new HashMap<>();
        functions.put("default", args -> {
            if (args.isEmpty()) {
                throw new ExecFailure("wrong number of args for default: want at least 1 got 0");
            }
            return args.size() < 2 || !GoValues.isTrue(args.get(1)) ? args.get(0) : args.get(1);
        });
        functions.put("lower", args -> {
            TemplateFunction.requireArgs("lower", args, 1);
            return TemplateFunction.stringArg(args, 0).toLowerCase(java.util.Locale.ROOT);
        });
        functions.put("upper", args -> {
            TemplateFunction.requireArgs("upper", args, 1);
            return TemplateFunction.stringArg(args, 0).toUpperCase(java.util.Locale.ROOT);
        });
        functions.put("replace", SprigFunctions::replace);
        functions.put("toYaml", args -> {
            TemplateFunction.requireArgs("toYaml", args, 1);
            return YamlText.write(args.get(0));
        });
        return functions;
    }

    private static Object replace(List<Object> args) {
        TemplateFunction.requireArgs("replace", args, 3);
        String old = TemplateFunction.stringArg(args, 0);
        String replacement = TemplateFunction.stringArg(args, 1);
        String source = TemplateFunction.stringArg(args, 2);
        if (old.isEmpty()) {
            // Go's strings.Replace with an empty old string inserts the replacement around every character
            StringBuilder out = new StringBuilder(replacement);
            source.codePoints().forEach(cp -> out.appendCodePoint(cp).append(replacement));
            return out.toString();
        }
        return source.replace(old, replacement);
    }
}
