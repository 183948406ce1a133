package io.sluice.api.rollouts;

import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;

/** Small reads Argo Rollouts' fields share: whole numbers with a lower bound, values quoted in messages. */
final class Fields {

    /** The whole number {@code field} holds, at least {@code min}; {@code absent} when not set or out of bounds. */
    static Integer atLeast(Node field, int min, Integer absent) {
        Integer value = field.integer(absent);
        if (field.present() && value != null && value < min) {
            field.error("must be " + min + " or more, not " + value);
            return absent;
        }
        return value;
    }

    /** A value as a message shows it: a scalar quoted, a mapping or list by what it is. */
    static String shown(Object raw) {
        return raw instanceof Map<?, ?> ? "a mapping" : raw instanceof List<?> ? "a list" : "'" + raw + "'";
    }

    private Fields() {
    }
}
