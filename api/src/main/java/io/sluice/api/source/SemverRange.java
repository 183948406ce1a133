package io.sluice.api.source;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * A semver range as Flux and Helm read one (both through Masterminds semver): a GitRepository's
 * {@code spec.ref.semver} ({@code >=1.0.0 <2.0.0}, {@code 1.2.x}, {@code ~1.2}) and, through
 * {@link ChartVersionRange}, a chart version constraint. semver4j reads npm's syntax, so the text
 * is first brought to it: Masterminds' comma form ({@code >= 1.0.0, < 2.0.0}, where a comma is an
 * "and") would otherwise lose all but its last comparison. As in Masterminds, pre-releases count only
 * when the range names one. One reading for the check at read time and for the source-service's
 * choice of the highest tag in range.
 */
public final class SemverRange {
    /** A version with a pre-release part, e.g. "1.0.0-rc.1" (but not the hyphen of "1.0 - 2.0"). */
    private static final Pattern PRERELEASE = Pattern.compile("\\d-[0-9A-Za-z]");
    private static final Pattern SPACE_AFTER_OPERATOR = Pattern.compile("(>=|<=|>|<|=|~|\\^)\\s+");
    /** semver4j's keyword for any version; Masterminds refuses it. */
    private static final String LATEST = "latest";

    /** The ranges of {@code range}; an IllegalArgumentException, quoting it, when it is not a range. */
    public static RangeList parse(String range) {
        RangeList ranges = read(range);
        if (ranges == null) {
            throw new IllegalArgumentException("'" + range + "' is not a semver range (e.g. '>=1.0.0 <2.0.0',"
                    + " '1.2.x', '~1.2')");
        }
        return ranges;
    }

    /** The ranges of {@code text} read as Masterminds reads them; null when it is not a range. */
    static RangeList read(String text) {
        if (text == null || text.isBlank() || text.trim().toLowerCase(Locale.ROOT).equals(LATEST)) {
            return null;
        }
        String npm = SPACE_AFTER_OPERATOR.matcher(text.trim().replace(',', ' ')).replaceAll("$1");
        RangeList ranges;
        try {
            ranges = RangeListFactory.create(npm, PRERELEASE.matcher(text).find());
        } catch (RuntimeException e) {
            return null;
        }
        return ranges.get().isEmpty() || ranges.get().stream().allMatch(List::isEmpty) ? null : ranges;
    }

    private SemverRange() {
    }
}
