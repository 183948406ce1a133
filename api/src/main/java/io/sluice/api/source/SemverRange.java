package io.sluice.api.source;

import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * A semver range over Git tags, as a GitRepository's {@code spec.ref.semver} writes it
 * ({@code >=1.0.0 <2.0.0}, {@code 1.2.x}, {@code ~1.2}), read by semver4j. One parse for the check
 * at read time and for the source-service's choice of the highest tag in range.
 */
public final class SemverRange {

    /** The ranges of {@code range}; an IllegalArgumentException, quoting it, when it is not a range. */
    public static RangeList parse(String range) {
        RangeList ranges = RangeListFactory.create(range);
        if (ranges.get().isEmpty()) {
            throw new IllegalArgumentException("'" + range + "' is not a semver range (e.g. '>=1.0.0 <2.0.0',"
                    + " '1.2.x', '~1.2')");
        }
        return ranges;
    }

    private SemverRange() {
    }
}
