package io.sluice.api.argo;

import io.sluice.api.GoDuration;
import io.sluice.api.read.Node;
import java.time.Duration;
import java.util.Map;

/** Field reads that Argo CD's kinds share and the generic {@link Node} reads do not cover. */
final class ArgoFields {
    /** Argo CD's limit on the descriptions of projects and sync windows. */
    static final int MAX_DESCRIPTION = 255;

    /** Whether the mapping {@code mapping} sets {@code name} (to anything but null), without reading it. */
    static boolean has(Node mapping, String name) {
        return mapping.raw() instanceof Map<?, ?> map && map.get(name) != null;
    }

    /** Flags of {@code mapping} that Sluice does not act on: each one set to true is a warning (false asks nothing). */
    static void unsupportedIfTrue(Node mapping, String why, String... names) {
        for (String name : names) {
            Node flag = mapping.get(name);
            if (flag.bool()) {
                flag.notSupported(why);
            }
        }
    }

    /**
     * A duration as Argo CD's retry backoff reads it: a number of seconds ({@code 5}, {@code "5"}) or a
     * Go duration ({@code 5s}, {@code 2m}), longer than 0; {@code absent} when not set.
     */
    static Duration secondsOrDuration(Node field, Duration absent) {
        String text = field.scalar();
        if (text == null) {
            return absent;
        }
        Duration duration;
        try {
            duration = text.matches("-?\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            field.error("must be a number of seconds or a duration such as 5s, 2m or 1h, not '" + text + "'");
            return absent;
        }
        if (duration.isZero() || duration.isNegative()) {
            field.error("must be longer than 0, not '" + text + "'");
            return absent;
        }
        return duration;
    }

    /**
     * A string the CRD requires but allows empty (an API group, where "" is the core group): an error
     * when absent, "" when blank.
     */
    static String requiredMayBeEmpty(Node field) {
        if (!field.present()) {
            field.error("is required");
            return "";
        }
        String text = field.string();
        return text == null ? "" : text;
    }

    /** A description, at most {@value #MAX_DESCRIPTION} characters as Argo CD allows; null when not written. */
    static String description(Node field) {
        String description = field.string();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            field.error("must be at most " + MAX_DESCRIPTION + " characters, not " + description.length());
        }
        return description;
    }

    /** {@code text} trimmed; null when null or blank. */
    static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private ArgoFields() {
    }
}
