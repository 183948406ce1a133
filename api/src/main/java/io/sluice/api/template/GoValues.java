package io.sluice.api.template;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How Java values behave as Go values in a template: their truth, their type names in messages, their
 * printed form (fmt's %v), their fields (map keys, record components, public no-argument methods) and
 * the order in which range visits map keys (sorted, as Go's fmtsort does).
 */
final class GoValues {
    /** Go's invalid value: what a missing map key yields; prints as "<no value>". */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private GoValues() {
    }

    static boolean isTrue(Object value) {
        if (value == null || value == MISSING) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (Numbers.isInteger(value)) {
            return Numbers.bigInteger(value).signum() != 0;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0;
        }
        if (value instanceof String || value instanceof Collection || value instanceof Map || value.getClass().isArray()) {
            return length(value) != 0;
        }
        return true;
    }

    /** Go's len for strings (in UTF-8 bytes), lists, arrays and maps; -1 for anything else. */
    static int length(Object value) {
        if (value instanceof String string) {
            return string.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value != null && value.getClass().isArray()) {
            return Array.getLength(value);
        }
        return -1;
    }

    /** The list a value iterates as, or null if it is no list or array. */
    static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value != null && value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return items;
        }
        return null;
    }

    /** A Go-like type name for messages: "int", "string", "map[string]interface {}", or the class name. */
    static String typeName(Object value) {
        if (value == null || value == MISSING) {
            return "<nil>";
        }
        if (value instanceof String) {
            return "string";
        }
        if (Numbers.isInteger(value)) {
            return "int";
        }
        if (Numbers.isFloat(value)) {
            return "float64";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Map) {
            return "map[string]interface {}";
        }
        if (asList(value) != null) {
            return "[]interface {}";
        }
        return value.getClass().getSimpleName();
    }

    /** fmt's %v (with {@code plus}, %+v: struct fields named). */
    static String print(Object value, boolean plus) {
        if (value == null) {
            return "<nil>";
        }
        if (value == MISSING) {
            return "<no value>";
        }
        if (value instanceof Stringer stringer) {
            return stringer.asString();
        }
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof Double || value instanceof Float) {
            return Numbers.formatFloat(((Number) value).doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            return sortedEntries(map).stream()
                    .map(entry -> print(entry.getKey(), plus) + ":" + print(entry.getValue(), plus))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        List<?> list = asList(value);
        if (list != null) {
            return list.stream().map(item -> print(item, plus)).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Record) {
            List<String> parts = new ArrayList<>();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                String field = print(invoke(component.getAccessor(), value), plus);
                parts.add(plus ? capitalise(component.getName()) + ":" + field : field);
            }
            return "{" + String.join(" ", parts) + "}";
        }
        return value.toString();
    }

    /** The entries of a map in Go's printing and range order: keys sorted. */
    static List<Map.Entry<?, ?>> sortedEntries(Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort(Comparator.comparing(Map.Entry::getKey, GoValues::compareKeys));
        return entries;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareKeys(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (Numbers.isInteger(a) && Numbers.isInteger(b)) {
            return Numbers.bigInteger(a).compareTo(Numbers.bigInteger(b));
        }
        if (a instanceof Number x && b instanceof Number y && !Numbers.isInteger(a) && !Numbers.isInteger(b)) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a.getClass() == b.getClass() && a instanceof Record) {
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                int order = compareKeys(invoke(component.getAccessor(), a), invoke(component.getAccessor(), b));
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
            return comparable.compareTo(b);
        }
        int byType = typeName(a).compareTo(typeName(b));
        return byType != 0 ? byType : print(a, false).compareTo(print(b, false));
    }

    /**
     * The field {@code name} of {@code receiver}, as Go's {@code .Name}: a map entry, or a record component
     * or public no-argument method called {@code name} or {@code name} with a lower-case first letter
     * ({@code .OldValue} reads {@code oldValue()}), or a {@code getName()} getter.
     */
    static Object field(Object receiver, String name, MissingKey missingKey) {
        if (receiver == null || receiver == MISSING) {
            if (missingKey == MissingKey.ERROR) {
                throw new ExecFailure("nil data; no entry for key " + Quoting.goQuote(name));
            }
            return MISSING;
        }
        if (receiver instanceof Map<?, ?> map) {
            if (map.containsKey(name)) {
                return map.get(name);
            }
            return switch (missingKey) {
                case ERROR -> throw new ExecFailure("map has no entry for key " + Quoting.goQuote(name));
                case ZERO -> zeroValue(map.values());
                case DEFAULT -> MISSING;
            };
        }
        if (!(receiver instanceof String || receiver instanceof Number || receiver instanceof Boolean || asList(receiver) != null)) {
            Method method = accessor(receiver.getClass(), name);
            if (method != null) {
                return invoke(method, receiver);
            }
        }
        throw new ExecFailure("can't evaluate field " + name + " in type " + typeName(receiver));
    }

    private static Method accessor(Class<?> type, String name) {
        String lower = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, lower, "get" + capitalise(name))) {
            try {
                Method method = type.getMethod(candidate);
                if (!Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class
                        && method.getDeclaringClass() != Object.class) {
                    return method;
                }
            } catch (NoSuchMethodException absent) {
                // try the next spelling
            }
        }
        return null;
    }

    private static Object invoke(Method method, Object receiver) {
        try {
            method.setAccessible(true);
            return method.invoke(receiver);
        } catch (InvocationTargetException failed) {
            throw new ExecFailure("error calling " + method.getName() + ": " + failed.getCause().getMessage());
        } catch (IllegalAccessException | RuntimeException inaccessible) {
            throw new ExecFailure("cannot read " + method.getName() + " of " + typeName(receiver));
        }
    }

    /**
     * Go's zero value of a map's element type, as missingkey=zero and index give: Java maps carry no
     * element type, so it is inferred from the values present ("" for strings, 0, false), else nil.
     */
    static Object zeroValue(Collection<?> values) {
        Class<?> type = values.stream().map(value -> value == null ? null : value.getClass()).distinct()
                .reduce((a, b) -> a == b ? a : null).orElse(null);
        if (type == String.class) {
            return "";
        }
        if (type != null && Numbers.isInteger(values.iterator().next())) {
            return 0L;
        }
        if (type == Double.class || type == Float.class) {
            return 0.0;
        }
        return type == Boolean.class ? Boolean.FALSE : null;
    }

    static String capitalise(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
