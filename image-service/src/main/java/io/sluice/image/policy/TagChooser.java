package io.sluice.image.policy;

import io.sluice.api.image.ImagePolicy;
import io.sluice.api.image.ImagePolicy.Order;
import io.sluice.api.image.ImagePolicy.Policy;
import io.sluice.api.semver.Version;
import io.sluice.api.semver.VersionConstraint;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Chooses the newest of an ImageRepository's tags by an ImagePolicy, as Flux's image-reflector-controller
 * does (internal/policy and its applyPolicy): the tags spec.filterTags keeps, each ranked by its extracted
 * value, then the highest version in the semver range (tags that are no MAJOR.MINOR.PATCH version do not
 * count), or the last in alphabetical or numerical order (where one tag that is no number is an error, as in
 * Flux). The tag reported is always the tag as listed. Among equal versions the first listed wins, among
 * equal numbers the last, as Flux's loops go (Flux's order of filtered tags is its map's, which is random).
 */
public final class TagChooser {

    private TagChooser() {
    }

    /** The tag {@code spec} chooses among {@code tags} (as the registry lists them), or why none. */
    public static TagChoice choose(ImagePolicy.Spec spec, List<String> tags) {
        if (tags.isEmpty()) {
            return TagChoice.none("there are no tags to choose from");
        }
        KeptTags kept = KeptTags.of(spec.filterTags(), tags);
        if (kept.values().isEmpty()) {
            return TagChoice.none("none of the " + KeptTags.count(tags.size()) + " matches spec.filterTags.pattern '"
                    + spec.filterTags().pattern() + "'");
        }
        Policy policy = spec.policy();
        if (policy instanceof Policy.SemVer semver) {
            return highestInRange(semver.range(), kept);
        }
        if (policy instanceof Policy.Alphabetical alphabetical) {
            return lastAlphabetically(alphabetical.order(), kept);
        }
        return lastNumerically(((Policy.Numerical) policy).order(), kept);
    }

    private static TagChoice highestInRange(VersionConstraint range, KeptTags kept) {
        Version highest = null;
        Version highestOfAll = null;
        String chosen = null;
        for (String value : kept.values()) {
            Version version = versionOf(value);
            if (version == null) {
                continue;
            }
            if (range.allows(version) && (highest == null || version.compareTo(highest) > 0)) {
                highest = version;
                chosen = value;
            }
            if (highestOfAll == null || version.compareTo(highestOfAll) > 0) {
                highestOfAll = version;
            }
        }
        if (chosen != null) {
            return TagChoice.of(kept.tagOf(chosen));
        }
        return TagChoice.none("none of the " + kept + " is a version in semver range '" + range + "'"
                + (highestOfAll == null ? " (none is a version MAJOR.MINOR.PATCH)"
                        : " (the newest version among them is " + kept.describe(highestOfAll.original()) + ")"));
    }

    private static Version versionOf(String value) {
        try {
            return Version.parseTag(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static TagChoice lastAlphabetically(Order order, KeptTags kept) {
        // Tags are ASCII, so Java's order of strings is Go's order of their bytes.
        Comparator<String> alphabetical = Comparator.naturalOrder();
        List<String> values = kept.values();
        String last = order == Order.ASC ? values.stream().max(alphabetical).orElseThrow()
                : values.stream().min(alphabetical).orElseThrow();
        return TagChoice.of(kept.tagOf(last));
    }

    private static TagChoice lastNumerically(Order order, KeptTags kept) {
        String last = null;
        double lastNumber = 0;
        for (String value : kept.values()) {
            OptionalDouble number = GoFloat.parse(value);
            if (number.isEmpty()) {
                return TagChoice.none(kept.describe(value) + " is not a number, and spec.policy.numerical ranks"
                        + " numbers only (spec.filterTags can keep only numbered tags)");
            }
            // Flux's comparisons, as written: a later equal number (or NaN) replaces the one before.
            double current = number.getAsDouble();
            boolean before = order == Order.ASC ? current < lastNumber : current > lastNumber;
            if (last == null || !before) {
                last = value;
                lastNumber = current;
            }
        }
        return TagChoice.of(kept.tagOf(last));
    }
}
