package io.sluice.api.template;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * eq/ne and lt/le/gt/ge with Go's rules: values of the basic kinds (bool, integer, float, string) compare
 * only within their kind, any integer with any integer; other values compare for equality only, and
 * lists and maps not at all.
 */
final class Comparison {
    private enum Kind { BOOL, INT, FLOAT, STRING, OTHER, NIL }

    private Comparison() {
    }

    private static Kind kind(Object value) {
        if (value == null || value == GoValues.MISSING) {
            return Kind.NIL;
        }
        if (value instanceof Boolean) {
            return Kind.BOOL;
        }
        if (Numbers.isInteger(value)) {
            return Kind.INT;
        }
        if (Numbers.isFloat(value)) {
            return Kind.FLOAT;
        }
        return value instanceof String ? Kind.STRING : Kind.OTHER;
    }

    static boolean equal(Object a, Object b) {
        Kind ka = kind(a);
        Kind kb = kind(b);
        if (ka != kb) {
            if (ka == Kind.NIL || kb == Kind.NIL) {
                return false;
            }
            throw new IllegalArgumentException("incompatible types for comparison");
        }
        switch (ka) {
            case NIL:
                return true;
            case INT:
                return Numbers.bigInteger(a).equals(Numbers.bigInteger(b));
            case FLOAT:
                return ((Number) a).doubleValue() == ((Number) b).doubleValue();
            case OTHER:
                if (a instanceof Collection || a instanceof Map || b instanceof Collection || b instanceof Map
                        || GoValues.asList(a) != null || GoValues.asList(b) != null) {
                    throw new IllegalArgumentException("non-comparable types " + GoValues.print(a, false) + ": "
                            + GoValues.typeName(a) + ", " + GoValues.typeName(b) + ": " + GoValues.print(b, false));
                }
                return Objects.equals(a, b);
            default:
                return a.equals(b);
        }
    }

    static int order(Object a, Object b) {
        Kind ka = kind(a);
        Kind kb = kind(b);
        if (ka == Kind.BOOL || ka == Kind.OTHER || ka == Kind.NIL || kb == Kind.BOOL || kb == Kind.OTHER || kb == Kind.NIL) {
            throw new IllegalArgumentException("invalid type for comparison");
        }
        if (ka != kb) {
            throw new IllegalArgumentException("incompatible types for comparison");
        }
        return switch (ka) {
            case INT -> Numbers.bigInteger(a).compareTo(Numbers.bigInteger(b));
            case FLOAT -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            default -> ((String) a).compareTo((String) b);
        };
    }
}
