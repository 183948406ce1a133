package io.sluice.access.git;

import io.sluice.api.source.SemverRange;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;

/**
 * Picks the tag with the highest version inside a semver range ({@code spec.ref.semver}, read by
 * {@link SemverRange}), as Flux does: tags are read leniently ("v1.2" is 1.2.0), tags that are not
 * versions are skipped, and a pre-release only matches a range that names one.
 */
public final class SemverTags {
    private static final Pattern LENIENT_VERSION = Pattern.compile(
            "[vV]?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    private record Candidate(String ref, Semver version) {
    }

    /** The ref (refs/tags/...) of the highest tag in {@code range}, among {@code refs} (any refs; non-tags are skipped). */
    public static Optional<String> highest(String range, Map<String, ?> refs) {
        RangeList ranges = SemverRange.parse(range);
        return refs.keySet().stream()
                .filter(ref -> ref.startsWith(Constants.R_TAGS))
                .map(ref -> new Candidate(ref, version(ref.substring(Constants.R_TAGS.length()))))
                .filter(candidate -> candidate.version() != null && ranges.isSatisfiedBy(candidate.version()))
                // equal versions ("v1.0.0" and "1.0.0"): the later name wins, so the choice is stable
                .max(Comparator.comparing(Candidate::version).thenComparing(Candidate::ref))
                .map(Candidate::ref);
    }

    private static Semver version(String tag) {
        Matcher matcher = LENIENT_VERSION.matcher(tag);
        if (!matcher.matches()) {
            return null;
        }
        String text = matcher.group(1) + "." + orZero(matcher.group(2)) + "." + orZero(matcher.group(3))
                + (matcher.group(4) == null ? "" : matcher.group(4)) + (matcher.group(5) == null ? "" : matcher.group(5));
        return Semver.parse(text);
    }

    private static String orZero(String part) {
        return part == null ? "0" : part;
    }

    private SemverTags() {
    }
}
