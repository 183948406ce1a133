package io.sluice.api.source;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * A chart version constraint as HelmReleases and Argo CD Applications write it: an exact version,
 * an npm-style range ("4.8.x", "~1.2", "^1", ">=1.0.0 <2.0.0", "1.0 - 2.0", "a || b"), Helm's
 * comma form (">= 1.0.0, < 2.0.0"), or empty / "*" for the newest. As in Helm, pre-releases count
 * only when the constraint names one.
 */
public final class ChartVersionRange {
    private static final String ANY = "*";
    /** A version with a pre-release part, e.g. "1.0.0-rc.1" (but not the hyphen of "1.0 - 2.0"). */
    private static final Pattern PRERELEASE = Pattern.compile("\\d-[0-9A-Za-z]");
    private static final Pattern SPACE_AFTER_OPERATOR = Pattern.compile("(>=|<=|>|<|=|~|\\^)\\s+");

    private final String text;
    private final RangeList ranges;

    private ChartVersionRange(String text, RangeList ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /** The range of {@code text} (null or blank: any); an IllegalArgumentException when it is not a range. */
    public static ChartVersionRange parse(String text) {
        String written = text == null || text.isBlank() ? ANY : text.trim();
        String normalized = SPACE_AFTER_OPERATOR.matcher(written.replace(',', ' ')).replaceAll("$1");
        RangeList ranges;
        try {
            ranges = RangeListFactory.create(normalized, PRERELEASE.matcher(written).find());
        } catch (RuntimeException e) {
            throw notARange(written);
        }
        if (ranges.get().stream().allMatch(List::isEmpty)) {
            throw notARange(written);
        }
        return new ChartVersionRange(written, ranges);
    }

    /**
     * The newest of {@code candidates} in the range, each known by its {@code version}; among equal
     * versions, the first listed (as an index lists them).
     */
    public <T> Optional<T> newest(List<T> candidates, Function<T, Semver> version) {
        return candidates.stream().filter(candidate -> ranges.isSatisfiedBy(version.apply(candidate)))
                .reduce((a, b) -> version.apply(b).compareTo(version.apply(a)) > 0 ? b : a);
    }

    /** The newest of all {@code candidates}, in range or not, for messages ("newest: 1.3.0"). */
    public static <T> Optional<T> newestOfAll(List<T> candidates, Function<T, Semver> version) {
        return candidates.stream().max(Comparator.comparing(version));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChartVersionRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The constraint as written ("*" when none was). */
    @Override
    public String toString() {
        return text;
    }

    private static IllegalArgumentException notARange(String text) {
        return new IllegalArgumentException("'" + text + "' is not a version or semver range (e.g. '1.2.3', '4.8.x',"
                + " '>=1.0.0 <2.0.0')");
    }
}
