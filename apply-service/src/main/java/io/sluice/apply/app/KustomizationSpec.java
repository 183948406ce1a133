package io.sluice.apply.app;

import io.sluice.events.ConfigDocument;
import io.sluice.events.GoDuration;
import io.sluice.events.ObjectRef;
import java.time.Duration;
import java.util.Map;

/**
 * The fields of a Flux Kustomization that decide how and when its bundle is applied:
 * {@code interval} (how often drift is checked and corrected even when nothing announces a
 * change) and {@code retryInterval} (the first wait after a failed apply; Flux's default is the
 * interval).
 */
public record KustomizationSpec(boolean prune, String targetNamespace, boolean suspend, Duration interval,
        Duration retryInterval) {
    public static final String GROUP = "kustomize.toolkit.fluxcd.io";
    public static final String KIND = "Kustomization";

    public static boolean isKustomization(ObjectRef ref) {
        return ref != null && KIND.equals(ref.kind()) && GROUP.equals(ref.group());
    }

    /**
     * Reads the spec of {@code doc}; {@code defaultInterval} stands in for a missing spec.interval
     * (Flux requires one).
     *
     * @throws IllegalArgumentException naming the file and field when a field has the wrong type
     */
    public static KustomizationSpec of(ConfigDocument doc, Duration defaultInterval) {
        Map<String, Object> spec = doc.spec();
        Duration interval = duration(doc, spec, "interval", defaultInterval);
        return new KustomizationSpec(flag(doc, spec, "prune"), text(doc, spec, "targetNamespace"),
                flag(doc, spec, "suspend"), interval, duration(doc, spec, "retryInterval", interval));
    }

    private static boolean flag(ConfigDocument doc, Map<String, Object> spec, String field) {
        Object value = spec.get(field);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw invalid(doc, field, "must be true or false, not '" + value + "'");
    }

    private static String text(ConfigDocument doc, Map<String, Object> spec, String field) {
        Object value = spec.get(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw invalid(doc, field, "must be a string, not '" + value + "'");
    }

    private static Duration duration(ConfigDocument doc, Map<String, Object> spec, String field, Duration absent) {
        String text = text(doc, spec, field);
        if (text == null) {
            return absent;
        }
        Duration duration;
        try {
            duration = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(doc, field, e.getMessage());
        }
        if (duration.isZero() || duration.isNegative()) {
            throw invalid(doc, field, "must be longer than 0, not '" + text + "'");
        }
        return duration;
    }

    private static IllegalArgumentException invalid(ConfigDocument doc, String field, String problem) {
        return new IllegalArgumentException(doc.origin() + ": " + doc.ref().display() + ": spec." + field + " "
                + problem);
    }
}
