package io.sluice.image.repository;

import io.sluice.api.GoDuration;
import io.sluice.api.image.ImageName;
import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Flux ImageRepository (image.toolkit.fluxcd.io/v1beta2): the image to scan, how often, over
 * plain HTTP or not, and which tags not to count (spec.exclusionList, Flux's default skips
 * signature tags). {@code errors} make it unscannable; {@code unsupportedFields} are reported.
 */
public record ImageRepositorySpec(ObjectRef ref, String image, ImageName name, Duration interval,
        Duration timeout, boolean insecure, boolean suspend, List<Pattern> exclusions,
        List<String> unsupportedFields, List<String> errors) {

    private static final List<String> DEFAULT_EXCLUSIONS = List.of("^.*\\.sig$");
    private static final List<String> FIELDS_NOT_SUPPORTED = List.of("secretRef", "certSecretRef",
            "proxySecretRef", "serviceAccountName", "accessFrom");

    /** Whether a key of the config topic names an ImageRepository. */
    public static boolean isImageRepository(String configKey) {
        return configKey.startsWith("image.toolkit.fluxcd.io/ImageRepository/");
    }

    public static ImageRepositorySpec of(ConfigDocument document, Duration defaultTimeout) {
        Map<String, Object> spec = document.spec();
        String where = (document.origin() == null ? document.ref().display() : document.origin()) + ": ";
        List<String> errors = new ArrayList<>();
        String image = spec.get("image") instanceof String s ? s.strip() : null;
        ImageName name = null;
        try {
            name = ImageName.parse(image);
        } catch (IllegalArgumentException e) {
            errors.add(where + e.getMessage());
        }
        Duration interval = duration(spec, "interval", null, where, errors);
        Duration timeout = duration(spec, "timeout", defaultTimeout, where, errors);
        List<Pattern> exclusions = new ArrayList<>();
        List<?> expressions = spec.get("exclusionList") instanceof List<?> list ? list : DEFAULT_EXCLUSIONS;
        for (Object expression : expressions) {
            try {
                exclusions.add(Pattern.compile(String.valueOf(expression)));
            } catch (PatternSyntaxException e) {
                errors.add(where + "spec.exclusionList: '" + expression + "' is not a valid regular expression");
            }
        }
        List<String> unsupported = new ArrayList<>(FIELDS_NOT_SUPPORTED.stream().filter(spec::containsKey)
                .map(field -> "spec." + field).toList());
        if (spec.get("provider") instanceof String provider && !provider.equals("generic")) {
            unsupported.add("spec.provider " + provider);
        }
        return new ImageRepositorySpec(document.ref(), image, name, interval, timeout,
                Boolean.TRUE.equals(spec.get("insecure")), Boolean.TRUE.equals(spec.get("suspend")),
                List.copyOf(exclusions), List.copyOf(unsupported), List.copyOf(errors));
    }

    private static Duration duration(Map<String, Object> spec, String field, Duration fallback, String where,
            List<String> errors) {
        Object value = spec.get(field);
        if (value == null && fallback != null) {
            return fallback;
        }
        Duration duration = null;
        if (value instanceof String text) {
            try {
                duration = GoDuration.parse(text);
            } catch (IllegalArgumentException notADuration) {
                // reported below with the field's name
            }
        }
        if (duration == null || duration.isZero()) {
            errors.add(where + "spec." + field + (value == null ? " is required"
                    : " '" + value + "' is not a duration such as 1m or 30s"));
        }
        return duration;
    }

    /** The tags that count: those no exclusion matches. */
    public List<String> counted(List<String> tags) {
        return tags.stream().filter(tag -> exclusions.stream().noneMatch(p -> p.matcher(tag).find())).toList();
    }
}
