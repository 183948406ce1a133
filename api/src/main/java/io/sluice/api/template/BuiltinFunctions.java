package io.sluice.api.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Go's predefined template functions (and, or, not, len, index, slice, print*, eq ne lt le gt ge, html, urlquery). */
final class BuiltinFunctions {
    private BuiltinFunctions() {
    }

    static Map<String, TemplateFunction> all() {
        Map<String, TemplateFunction> functions = new HashMap<>();
        // and/or are evaluated lazily by the executor (Go short-circuits them); these serve when called otherwise
        functions.put("and", args -> args.stream().filter(arg -> !GoValues.isTrue(arg)).findFirst().orElse(args.get(args.size() - 1)));
        functions.put("or", args -> args.stream().filter(GoValues::isTrue).findFirst().orElse(args.get(args.size() - 1)));
        functions.put("not", args -> {
            TemplateFunction.requireArgs("not", args, 1);
            return !GoValues.isTrue(args.get(0));
        });
        functions.put("len", BuiltinFunctions::len);
        functions.put("index", BuiltinFunctions::index);
        functions.put("slice", BuiltinFunctions::slice);
        functions.put("print", BuiltinFunctions::sprint);
        functions.put("println", args -> args.stream().map(arg -> GoValues.print(arg, false)).collect(Collectors.joining(" ")) + "\n");
        functions.put("printf", args -> {
            if (args.isEmpty()) {
                throw new ExecFailure("wrong number of args for printf: want at least 1 got 0");
            }
            return Formatter.sprintf(TemplateFunction.stringArg(args, 0), args.subList(1, args.size()));
        });
        functions.put("html", args -> escapeHtml(sprint(args)));
        functions.put("urlquery", args -> URLEncoder.encode(sprint(args), StandardCharsets.UTF_8));
        functions.put("eq", args -> {
            requireAtLeast("eq", args, 1);
            if (args.size() < 2) {
                throw new IllegalArgumentException("missing argument for comparison");
            }
            return args.subList(1, args.size()).stream().anyMatch(other -> Comparison.equal(args.get(0), other));
        });
        functions.put("ne", args -> {
            TemplateFunction.requireArgs("ne", args, 2);
            return !Comparison.equal(args.get(0), args.get(1));
        });
        functions.put("lt", args -> compare("lt", args) < 0);
        functions.put("le", args -> compare("le", args) <= 0);
        functions.put("gt", args -> compare("gt", args) > 0);
        functions.put("ge", args -> compare("ge", args) >= 0);
        return functions;
    }

    private static int compare(String name, List<Object> args) {
        TemplateFunction.requireArgs(name, args, 2);
        return Comparison.order(args.get(0), args.get(1));
    }

    private static void requireAtLeast(String name, List<Object> args, int count) {
        if (args.size() < count) {
            throw new ExecFailure("wrong number of args for " + name + ": want at least " + count + " got " + args.size());
        }
    }

    /** fmt.Sprint: a space between operands when neither is a string. */
    private static String sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(GoValues.print(args.get(i), false));
        }
        return out.toString();
    }

    private static Object len(List<Object> args) {
        TemplateFunction.requireArgs("len", args, 1);
        int length = GoValues.length(args.get(0));
        if (length < 0) {
            throw new IllegalArgumentException("len of " + (args.get(0) == null ? "nil pointer" : "type " + GoValues.typeName(args.get(0))));
        }
        return (long) length;
    }

    private static Object index(List<Object> args) {
        requireAtLeast("index", args, 1);
        Object item = args.get(0);
        if (item == null) {
            throw new IllegalArgumentException("index of untyped nil");
        }
        for (Object key : args.subList(1, args.size())) {
            if (item instanceof Map<?, ?> map) {
                if (key == null) {
                    throw new IllegalArgumentException("value is nil; should be of type string");
                }
                Object sample = map.isEmpty() ? null : map.keySet().iterator().next();
                if (sample != null && sample.getClass() != key.getClass() && !(Numbers.isInteger(sample) && Numbers.isInteger(key))) {
                    throw new IllegalArgumentException("value has type " + GoValues.typeName(key) + "; should be " + GoValues.typeName(sample));
                }
                Object lookup = Numbers.isInteger(key) && sample != null && Numbers.isInteger(sample) ? sameIntegerType(key, sample) : key;
                item = map.containsKey(lookup) ? map.get(lookup) : GoValues.zeroValue(map.values());
            } else if (item instanceof String string) {
                byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
                item = (long) (bytes[position(key, bytes.length, "string")] & 0xff);
            } else if (GoValues.asList(item) != null) {
                List<?> list = GoValues.asList(item);
                item = list.get(position(key, list.size(), "slice/array"));
            } else {
                throw new IllegalArgumentException("can't index item of type " + GoValues.typeName(item));
            }
        }
        return item;
    }

    private static Object sameIntegerType(Object key, Object sample) {
        long value = ((Number) key).longValue();
        if (sample instanceof Integer) {
            return (int) value;
        }
        return sample instanceof Short ? (Object) (short) value : sample instanceof Byte ? (Object) (byte) value : (Object) value;
    }

    private static int position(Object key, int size, String what) {
        if (key == null) {
            throw new IllegalArgumentException("cannot index " + what + " with nil");
        }
        if (!Numbers.isInteger(key)) {
            throw new IllegalArgumentException("cannot index " + what + " with type " + GoValues.typeName(key));
        }
        long index = ((Number) key).longValue();
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
        return (int) index;
    }

    private static Object slice(List<Object> args) {
        requireAtLeast("slice", args, 1);
        Object item = args.get(0);
        int size = item instanceof String string ? string.getBytes(StandardCharsets.UTF_8).length : GoValues.length(item);
        if (size < 0 || item instanceof Map) {
            throw new IllegalArgumentException("can't slice item of type " + GoValues.typeName(item));
        }
        if (args.size() > 3) {
            throw new IllegalArgumentException("too many slice indexes: " + (args.size() - 1));
        }
        int from = args.size() > 1 ? position(args.get(1), size + 1, "slice") : 0;
        int to = args.size() > 2 ? position(args.get(2), size + 1, "slice") : size;
        if (from > to) {
            throw new IllegalArgumentException("invalid slice index: " + from + " > " + to);
        }
        if (item instanceof String string) {
            byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        return GoValues.asList(item).subList(from, to);
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&#34;").replace("\u0000", "\uFFFD");
    }
}
