package io.sluice.api.read;

import io.sluice.api.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One field of a document being read, by its path ({@code spec.sources[1].helm}): typed reads of its
 * value that never throw, but record a problem naming the path and return what stands for absent.
 * A reader walks the document with {@link #get}, so every problem of a document is found in one
 * read. Each mapping a reader opens with {@link #get} is checked afterwards for the fields it did
 * not read: those declared {@link #unsupported} are reported as not supported yet, any other as
 * unknown, both as warnings.
 */
public final class Node {
    private final Object value;
    private final String path;
    private final Reading reading;
    /** The fields read from this mapping, once it is opened by {@link #get}; null before. */
    private Set<String> readFields;
    private Map<String, String> unsupportedFields;
    private boolean typeReported;

    Node(Object value, String path, Reading reading) {
        this.value = value;
        this.path = path;
        this.reading = reading;
    }

    /** The field's path, such as {@code spec.sourceRef.name}. */
    public String path() {
        return path;
    }

    /**
     * Another field of the same document, by its full path and value: for a value a reader finds
     * outside the mapping it reads (an annotation that configures the spec), so that problems about
     * it are recorded with the document's, on its own path.
     */
    public Node elsewhere(String fieldPath, Object fieldValue) {
        return new Node(fieldValue, fieldPath, reading);
    }

    /** Whether the document sets this field (to anything but null). */
    public boolean present() {
        return value != null;
    }

    /** Whether the field is set to a mapping. */
    public boolean isMapping() {
        return value instanceof Map<?, ?>;
    }

    /** Whether the field is set to a list. */
    public boolean isList() {
        return value instanceof List<?>;
    }

    /** The field {@code name} of this mapping; absent when this field is absent or not a mapping (then an error). */
    public Node get(String name) {
        Map<?, ?> map = mapping();
        open();
        readFields.add(name);
        return new Node(map == null ? null : map.get(name), path.isEmpty() ? name : path + "." + name, reading);
    }

    /**
     * Declares fields upstream defines that Sluice does not act on yet: each one set is reported as a
     * warning, never silently dropped. {@code why} (may be null) says what to do instead.
     */
    public Node unsupported(String why, String... names) {
        open();
        if (unsupportedFields == null) {
            unsupportedFields = new LinkedHashMap<>();
        }
        Arrays.stream(names).forEach(name -> unsupportedFields.put(name, why));
        return this;
    }

    /** Declares fields that need nothing from Sluice (e.g. an interval Sluice has no use for): never reported. */
    public Node accepted(String... names) {
        open();
        readFields.addAll(Arrays.asList(names));
        return this;
    }

    /**
     * A warning that this field's value asks for something Sluice does not do yet, worded as for the
     * fields declared {@link #unsupported}: for a field that matters only with some values (a flag set
     * to true, a non-empty block).
     */
    public void notSupported(String why) {
        warn(notSupportedMessage(why));
    }

    /** An error about this field: the document cannot be used. */
    public void error(String message) {
        reading.add(Problem.error(path, message));
    }

    /** A warning about this field: Sluice goes on without it. */
    public void warn(String message) {
        reading.add(Problem.warning(path, message));
    }

    /** The raw value as the document holds it (maps, lists, strings, numbers, booleans); null when absent. */
    public Object raw() {
        return value;
    }

    /** The value as a message shows it: a scalar quoted, a mapping or a list by what it is. */
    public String shown() {
        return value instanceof Map<?, ?> ? "a mapping" : value instanceof List<?> ? "a list" : "'" + value + "'";
    }

    /** A string; null when absent or blank (Kubernetes' omitempty: "" is no value). */
    public String string() {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            typeError("must be a string");
            return null;
        }
        return text.isBlank() ? null : text;
    }

    /** A string that must be set. */
    public String requiredString() {
        String text = string();
        if (text == null && (value == null || value instanceof String)) {
            error("is required");
        }
        return text;
    }

    /**
     * A scalar as text, as Argo CD reads {@code targetRevision: 1.2} or a parameter's {@code value: 3}:
     * strings, numbers and booleans; trimmed; null when absent or blank.
     */
    public String scalar() {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            typeError("must be a string, a number or true/false");
            return null;
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? null : text;
    }

    /** One of {@code allowed}, exactly as written; {@code absent} when not set. */
    public String oneOf(String absent, String... allowed) {
        String text = string();
        if (text == null) {
            return absent;
        }
        if (!Arrays.asList(allowed).contains(text)) {
            error("must be " + alternatives(allowed) + ", not '" + text + "'");
            return absent;
        }
        return text;
    }

    /** One of {@code allowed}, exactly as written, that must be set. */
    public String requiredOneOf(String... allowed) {
        if (value == null || value instanceof String text && text.isBlank()) {
            error("is required (" + alternatives(allowed) + ")");
            return null;
        }
        return oneOf(null, allowed);
    }

    /** true or false; {@code absent} when not set. */
    public boolean bool(boolean absent) {
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Boolean flag)) {
            typeError("must be true or false");
            return absent;
        }
        return flag;
    }

    /** false when not set. */
    public boolean bool() {
        return bool(false);
    }

    /** A whole number; {@code absent} when not set. */
    public Integer integer(Integer absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        typeError("must be a whole number");
        return absent;
    }

    /** A whole number of at least {@code min}; {@code absent} when not set, or out of bounds (then an error). */
    public Integer integer(int min, Integer absent) {
        Integer number = integer(absent);
        if (value != null && number != null && number < min) {
            error("must be " + min + " or more, not " + number);
            return absent;
        }
        return number;
    }

    /**
     * A Go duration ({@code 30s}, {@code 5m}, {@code 1h30m}) longer than zero, as Flux's interval and
     * timeout fields are; {@code absent} when not set.
     */
    public Duration duration(Duration absent) {
        String text = string();
        if (text == null) {
            return absent;
        }
        Duration duration;
        try {
            duration = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            error("must be a duration such as 30s, 5m or 1h30m, not '" + text + "'");
            return absent;
        }
        if (duration.isZero() || duration.isNegative()) {
            error("must be longer than 0, not '" + text + "'");
            return absent;
        }
        return duration;
    }

    /** A Go duration that must be set. */
    public Duration requiredDuration() {
        if (value == null || value instanceof String text && text.isBlank()) {
            error("is required");
            return null;
        }
        return duration(null);
    }

    /** A list of strings; empty when not set. */
    public List<String> strings() {
        return list(Node::string).stream().filter(item -> item != null).toList();
    }

    /** A map of strings to strings, as labels and annotations are; empty when not set. */
    public Map<String, String> stringMap() {
        Map<?, ?> map = mapping();
        if (map == null) {
            return Map.of();
        }
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((key, item) -> {
            Node field = new Node(item, path + "." + key, reading);
            if (item instanceof String text) {
                strings.put(String.valueOf(key), text);
            } else {
                field.typeError("must be a string");
            }
        });
        return Map.copyOf(strings);
    }

    /**
     * A mapping of any content, taken as it is (Helm values, an Argo CD valuesObject): its fields are
     * not checked. Empty when not set.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> freeform() {
        Map<?, ?> map = mapping();
        return map == null ? Map.of() : (Map<String, Object>) map;
    }

    /** Each item of the list, read by {@code item} at path {@code field[i]}; empty when not set. */
    public <T> List<T> list(Function<Node, T> item) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            typeError("must be a list");
            return List.of();
        }
        List<T> read = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            read.add(item.apply(new Node(items.get(i), path + "[" + i + "]", reading)));
        }
        return read.stream().filter(element -> element != null).toList();
    }

    /** The mapping read by {@code read}; null when not set (or not a mapping: then an error). */
    public <T> T object(Function<Node, T> read) {
        return object(read, null);
    }

    /** The mapping read by {@code read}; {@code absent} when not set (or not a mapping: then an error). */
    public <T> T object(Function<Node, T> read, T absent) {
        if (value == null || mapping() == null) {
            return absent;
        }
        return read.apply(this);
    }

    /** The fields of this mapping that its reader did not read, as warnings; then those of every child. */
    void reportUnread() {
        if (readFields == null || !(value instanceof Map<?, ?> map)) {
            return;
        }
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            String field = path.isEmpty() ? name : path + "." + name;
            if (unsupportedFields != null && unsupportedFields.containsKey(name)) {
                reading.add(Problem.warning(field, notSupportedMessage(unsupportedFields.get(name))));
            } else if (!readFields.contains(name)) {
                reading.add(Problem.warning(field, "is not a field Sluice knows, ignored"));
            }
        }
    }

    private Map<?, ?> mapping() {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            typeError("must be a mapping");
            return null;
        }
        return map;
    }

    private void open() {
        if (readFields == null) {
            readFields = new LinkedHashSet<>();
            reading.opened(this);
        }
    }

    /** A type error once per field, quoting a scalar value (never a mapping or list). */
    private void typeError(String expected) {
        if (typeReported) {
            return;
        }
        typeReported = true;
        error(expected + (value == null ? "" : ", not " + shown()));
    }

    private static String notSupportedMessage(String why) {
        return "is not supported by Sluice yet, ignored" + (why == null ? "" : ": " + why);
    }

    static String alternatives(String... allowed) {
        if (allowed.length == 1) {
            return allowed[0];
        }
        return Arrays.stream(allowed, 0, allowed.length - 1).collect(Collectors.joining(", "))
                + " or " + allowed[allowed.length - 1];
    }
}
