package io.sluice.api.semver;

import static io.sluice.api.semver.Comparison.OPERATORS;
import static io.sluice.api.semver.Comparison.SPACE;
import static io.sluice.api.semver.Comparison.VERSION;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint as Helm and Flux write one, read and checked by Masterminds semver v3's rules
 * ({@code NewConstraint} and {@code Check}): groups joined by {@code ||}, each group comparisons joined by
 * spaces or commas (all must pass); operators {@code = != > < >= <= ~ ~> ^} (none: equal), wildcards
 * {@code x X *} and missing parts ({@code 1.2.x}, {@code 1.2}, {@code ~1}), hyphen ranges
 * ({@code 1.0 - 2.0}). A pre-release version passes only a group one of whose comparisons names a
 * pre-release.
 */
public final class VersionConstraint {
    private static final String EXAMPLES = " (e.g. '1.2.x', '>=1.0.0 <2.0.0', '^1.2', '~1.2.3 || 2.x', '1.0 - 2.0')";
    /** "1.0 - 2.0"; groups: the first version (1) and the last (6). */
    private static final Pattern HYPHEN_RANGE = Pattern.compile(SPACE + "*(" + VERSION + ")" + SPACE + "+-" + SPACE
            + "+(" + VERSION + ")" + SPACE + "*");
    private static final Pattern GROUP = Pattern.compile(SPACE + "*(?:" + OPERATORS + ")" + SPACE + "*(?:" + VERSION
            + ")" + SPACE + "*(?:(?:" + SPACE + "+|," + SPACE + "*)(?:" + OPERATORS + ")" + SPACE + "*(?:" + VERSION
            + ")" + SPACE + "*)*");
    private static final Pattern COMPARISON = Pattern.compile("(?:" + OPERATORS + ")" + SPACE + "*(?:" + VERSION
            + ")");

    private final String text;
    private final List<List<Comparison>> groups;
    /** For each group, whether one of its comparisons names a pre-release. */
    private final List<Boolean> prereleases;

    private VersionConstraint(String text, List<List<Comparison>> groups, List<Boolean> prereleases) {
        this.text = text;
        this.groups = groups;
        this.prereleases = prereleases;
    }

    /** The constraint {@code text} is; an IllegalArgumentException saying why when it is none. */
    public static VersionConstraint parse(String text) {
        String rewritten = rewriteHyphenRanges(text);
        List<List<Comparison>> groups = new ArrayList<>();
        List<Boolean> prereleases = new ArrayList<>();
        for (String group : rewritten.split(Pattern.quote("||"), -1)) {
            if (!GROUP.matcher(group).matches()) {
                String which = group.strip().equals(text.strip()) ? "" : ": '" + group.strip() + "' is no comparison";
                throw new IllegalArgumentException("'" + text + "' is not a version constraint" + which + EXAMPLES);
            }
            List<Comparison> comparisons = new ArrayList<>();
            Matcher comparison = COMPARISON.matcher(group);
            while (comparison.find()) {
                try {
                    comparisons.add(Comparison.parse(comparison.group()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a version constraint: " + e.getMessage());
                }
            }
            groups.add(List.copyOf(comparisons));
            prereleases.add(comparisons.stream().anyMatch(c -> c.version.hasPrerelease()));
        }
        return new VersionConstraint(text, List.copyOf(groups), List.copyOf(prereleases));
    }

    /**
     * {@code text} with each hyphen range "A - B" written as ">= A, <= B " (trailing space included), as
     * Masterminds rewrites it: each matched text is replaced where it first occurs.
     */
    static String rewriteHyphenRanges(String text) {
        Matcher range = HYPHEN_RANGE.matcher(text);
        String rewritten = text;
        while (range.find()) {
            int at = rewritten.indexOf(range.group());
            if (at >= 0) {
                rewritten = rewritten.substring(0, at) + ">= " + range.group(1) + ", <= " + range.group(6) + " "
                        + rewritten.substring(at + range.group().length());
            }
        }
        return rewritten;
    }

    /** Whether {@code version} satisfies the constraint: every comparison of one of its groups passes. */
    public boolean allows(Version version) {
        for (int i = 0; i < groups.size(); i++) {
            boolean prerelease = prereleases.get(i);
            if (groups.get(i).stream().allMatch(comparison -> comparison.allows(version, prerelease))) {
                return true;
            }
        }
        return false;
    }

    /** The groups of comparisons, for tests of the reading. */
    List<List<Comparison>> groups() {
        return groups;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionConstraint constraint && constraint.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The constraint as written. */
    @Override
    public String toString() {
        return text;
    }
}
