package io.sluice.image.repository;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Flux writes them (Go's time.ParseDuration): "1m", "30s", "1h30m", "500ms". */
public final class GoDuration {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(\\.\\d+)?(h|ms|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

    /** The duration, or null when {@code text} is not one. */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return null;
        }
        double millis = 0;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            double value = Double.parseDouble(part.group(1));
            millis += switch (part.group(2)) {
                case "h" -> value * 3_600_000;
                case "m" -> value * 60_000;
                case "s" -> value * 1_000;
                default -> value;
            };
        }
        return Duration.ofMillis(Math.round(millis));
    }

    private GoDuration() {
    }
}
