package io.sluice.image.policy;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * A number as Go's strconv.ParseFloat(s, 64) reads one, which Flux's numerical policy ranks tags by:
 * decimal ("-62", "1.5e3", ".5", "5."), hexadecimal with a binary exponent ("0x1.8p3"), "inf", "infinity"
 * and "nan" in any case (only the infinities take a sign), '_' between digits ("1_000"), nothing around
 * it (no spaces, no Java "1d" or "Infinity" that Go would refuse), and no number when it overflows.
 */
final class GoFloat {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEXADECIMAL = Pattern.compile(
            "[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");

    private GoFloat() {
    }

    /** The number {@code text} is, or empty when Go would refuse it. */
    static OptionalDouble parse(String text) {
        String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        String word = unsigned.toLowerCase(Locale.ROOT);
        if (word.equals("inf") || word.equals("infinity")) {
            return OptionalDouble.of(text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (word.equals("nan")) {
            return unsigned.equals(text) ? OptionalDouble.of(Double.NaN) : OptionalDouble.empty();
        }
        if (text.indexOf('_') >= 0 && !underscoresSeparateDigits(unsigned)) {
            return OptionalDouble.empty();
        }
        String digits = text.replace("_", "");
        if (!DECIMAL.matcher(digits).matches() && !HEXADECIMAL.matcher(digits).matches()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(digits);
        // Go refuses what rounds beyond the largest double; below the smallest it gives 0, as Java does.
        return Double.isInfinite(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Go's rule: each '_' is between two digits, or between a base prefix ("0x") and a digit. */
    private static boolean underscoresSeparateDigits(String unsigned) {
        boolean hex = unsigned.length() >= 2 && unsigned.charAt(0) == '0'
                && "xXbBoO".indexOf(unsigned.charAt(1)) >= 0;
        boolean hexDigits = hex && Character.toLowerCase(unsigned.charAt(1)) == 'x';
        char last = hex ? '0' : '^';
        for (int i = hex ? 2 : 0; i < unsigned.length(); i++) {
            char c = unsigned.charAt(i);
            if (c >= '0' && c <= '9' || hexDigits && "abcdefABCDEF".indexOf(c) >= 0) {
                last = '0';
            } else if (c == '_') {
                if (last != '0') {
                    return false;
                }
                last = '_';
            } else if (last == '_') {
                return false;
            } else {
                last = '!';
            }
        }
        return last != '_';
    }
}
