package io.sluice.api.rollouts;

import io.sluice.api.read.Node;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of pods, absolute ({@code 5}) or a percentage of the desired replicas ({@code "25%"}), as
 * Kubernetes' IntOrString is written for maxSurge and maxUnavailable.
 */
public record IntOrPercent(int value, boolean percent) {
    /** Argo Rollouts' default for maxSurge and maxUnavailable (DefaultMaxSurge, DefaultMaxUnavailable). */
    public static final IntOrPercent DEFAULT = new IntOrPercent(25, true);
    private static final Pattern TEXT = Pattern.compile("(\\d+)(%?)");

    /** The value of {@code field}; {@code absent} when not set or not a count or percentage (then an error). */
    static IntOrPercent read(Node field, IntOrPercent absent) {
        Object raw = field.raw();
        if (raw == null) {
            return absent;
        }
        if (raw instanceof Number) {
            Integer count = field.integer(0, null);
            return count == null ? absent : new IntOrPercent(count, false);
        }
        Matcher matcher = raw instanceof String text ? TEXT.matcher(text.strip()) : null;
        if (matcher == null || !matcher.matches() || matcher.group(1).length() > 9) {
            field.error("must be a number of pods or a percentage such as '25%', not " + field.shown());
            return absent;
        }
        return new IntOrPercent(Integer.parseInt(matcher.group(1)), !matcher.group(2).isEmpty());
    }

    /** {@code 5} or {@code 25%}, as written. */
    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }
}
