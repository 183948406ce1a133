package io.sluice.api.rollouts;

import io.sluice.api.read.Node;

/**
 * A whole number in an AnalysisTemplate's metric ({@code count}, {@code failureLimit}, ...), or text with
 * an argument placeholder ({@code "{{args.limit}}"}) resolved when the AnalysisRun is created: exactly
 * one of {@code value} and {@code argument} is set.
 */
public record IntOrArgument(Integer value, String argument) {

    /** The value of {@code field}; {@code absent} when not set; null when it is neither (then an error). */
    static IntOrArgument read(Node field, int min, Integer absent) {
        Object raw = field.raw();
        if (raw == null) {
            return absent == null ? null : new IntOrArgument(absent, null);
        }
        if (raw instanceof String text && text.contains("{{")) {
            return new IntOrArgument(null, text.strip());
        }
        if (raw instanceof String text && text.strip().matches("-?\\d{1,9}")) {
            int value = Integer.parseInt(text.strip());
            if (value < min) {
                field.error("must be " + min + " or more, not " + value);
                return null;
            }
            return new IntOrArgument(value, null);
        }
        if (raw instanceof Number) {
            Integer value = field.integer(min, null);
            return value == null ? null : new IntOrArgument(value, null);
        }
        field.error("must be a whole number or an argument such as '{{args.limit}}', not " + field.shown());
        return null;
    }

    /** The number, when it is one (not an argument) and set. */
    static boolean isNumber(IntOrArgument read) {
        return read != null && read.value != null;
    }
}
