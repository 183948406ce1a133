package io.sluice.render.postbuild;

import java.util.Map;
import java.util.TreeMap;

/**
 * The variables of one render's post-build substitution, by name. Some come from Secrets: the
 * values are never shown, so {@link #toString()} lists the names only.
 */
public record Variables(Map<String, String> values) {
    public static final Variables NONE = new Variables(Map.of());

    public Variables {
        values = Map.copyOf(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value of {@code name}, or null when it is not set. */
    public String get(String name) {
        return values.get(name);
    }

    @Override
    public String toString() {
        return "Variables" + new TreeMap<>(values).keySet();
    }
}
