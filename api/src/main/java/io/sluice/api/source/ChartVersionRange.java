package io.sluice.api.source;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;

/**
 * A chart version constraint as HelmReleases and Argo CD Applications write it: an exact version,
 * an npm-style range ("4.8.x", "~1.2", "^1", ">=1.0.0 <2.0.0", "1.0 - 2.0", "a || b"), Helm's
 * comma form (">= 1.0.0, < 2.0.0"), or empty / "*" for the newest; read as {@link SemverRange}
 * reads a range, Helm's way (pre-releases count only when the constraint names one).
 */
public final class ChartVersionRange {
    private static final String ANY = "*";

    private final String text;
    private final RangeList ranges;

    private ChartVersionRange(String text, RangeList ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /** The range of {@code text} (null or blank: any); an IllegalArgumentException when it is not a range. */
    public static ChartVersionRange parse(String text) {
        String written = text == null || text.isBlank() ? ANY : text.trim();
        RangeList ranges = SemverRange.read(written);
        if (ranges == null) {
            throw new IllegalArgumentException("'" + written + "' is not a version or semver range (e.g. '1.2.3',"
                    + " '4.8.x', '>=1.0.0 <2.0.0')");
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
}
