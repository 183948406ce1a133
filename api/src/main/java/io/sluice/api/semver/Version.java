package io.sluice.api.semver;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version read as Helm and Flux read one (Masterminds semver v3's {@code NewVersion}): lenient,
 * so a leading "v", a missing minor or patch ("1", "v1.2") and leading zeros ("2025.07.03") are accepted,
 * while a pre-release must still follow semver (no empty identifier, no leading zero in a numeric one).
 * Ordered by precedence: major, minor and patch as unsigned 64-bit numbers, a pre-release below its release,
 * build metadata ignored; {@link #equals} agrees with that order.
 */
public final class Version implements Comparable<Version> {
    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final Pattern LOOSE = Pattern.compile("v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(?:-(" + IDENTIFIERS
            + "))?(?:\\+(" + IDENTIFIERS + "))?");

    private final long major;
    private final long minor;
    private final long patch;
    private final String prerelease;
    private final String metadata;
    private final String original;

    private Version(long major, long minor, long patch, String prerelease, String metadata, String original) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.prerelease = prerelease;
        this.metadata = metadata;
        this.original = original;
    }

    /** The version {@code text} is; an IllegalArgumentException saying why when it is none. */
    public static Version parse(String text) {
        Matcher parts = LOOSE.matcher(text);
        if (!parts.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a semantic version (e.g. '1.2.3', 'v1.2',"
                    + " '1.2.3-rc.1+build.5')");
        }
        String prerelease = Objects.requireNonNullElse(parts.group(4), "");
        for (String identifier : prerelease.split("\\.", -1)) {
            if (identifier.length() > 1 && identifier.charAt(0) == '0' && isNumber(identifier)) {
                throw new IllegalArgumentException("'" + text + "' is not a semantic version: its pre-release"
                        + " identifier '" + identifier + "' starts with 0");
            }
        }
        return new Version(segment(text, parts.group(1)), segment(text, parts.group(2)),
                segment(text, parts.group(3)), prerelease, Objects.requireNonNullElse(parts.group(5), ""), text);
    }

    /**
     * The version a tag is, as Flux reads image and Git tags (fluxcd/pkg {@code version.ParseVersion}): as
     * {@link #parse}, but only text with at least two dots counts, so "1", "v1.2" and "1.2-rc" are not versions
     * (while "1.2-rc.1" is 1.2.0-rc.1); an IllegalArgumentException saying why.
     */
    public static Version parseTag(String text) {
        if (text.chars().filter(c -> c == '.').count() < 2) {
            throw new IllegalArgumentException("'" + text + "' is not a version: it does not have the form"
                    + " MAJOR.MINOR.PATCH");
        }
        return parse(text);
    }

    /** 0 when not written (a missing minor or patch); the number after its leading dot otherwise. */
    private static long segment(String text, String written) {
        if (written == null) {
            return 0;
        }
        String digits = written.startsWith(".") ? written.substring(1) : written;
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a semantic version: " + digits
                    + " is larger than " + Long.toUnsignedString(-1L));
        }
    }

    /** The text the version was read from, e.g. "v1.2". */
    public String original() {
        return original;
    }

    /** The pre-release without its hyphen, e.g. "rc.1"; "" when there is none. */
    public String prerelease() {
        return prerelease;
    }

    /** The build metadata without its plus, e.g. "build.5"; "" when there is none. */
    public String metadata() {
        return metadata;
    }

    long major() {
        return major;
    }

    long minor() {
        return minor;
    }

    long patch() {
        return patch;
    }

    boolean hasPrerelease() {
        return !prerelease.isEmpty();
    }

    @Override
    public int compareTo(Version other) {
        int release = Long.compareUnsigned(major, other.major);
        if (release == 0) {
            release = Long.compareUnsigned(minor, other.minor);
        }
        if (release == 0) {
            release = Long.compareUnsigned(patch, other.patch);
        }
        if (release != 0 || prerelease.equals(other.prerelease)) {
            return release;
        }
        if (prerelease.isEmpty()) {
            return 1;
        }
        return other.prerelease.isEmpty() ? -1 : comparePrereleases(prerelease, other.prerelease);
    }

    /**
     * Masterminds' order of two pre-releases, identifier by identifier: a missing identifier is lower, a
     * number (an unsigned 64-bit one; "-2" is not) is lower than text, numbers compare by value and text
     * by its bytes.
     */
    static int comparePrereleases(String a, String b) {
        String[] as = a.split("\\.", -1);
        String[] bs = b.split("\\.", -1);
        for (int i = 0; i < Math.max(as.length, bs.length); i++) {
            int order = compareIdentifiers(i < as.length ? as[i] : "", i < bs.length ? bs[i] : "");
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static int compareIdentifiers(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? -1 : 1;
        }
        Long aNumber = unsignedNumber(a);
        Long bNumber = unsignedNumber(b);
        if (aNumber == null && bNumber == null) {
            // Identifiers are ASCII, so comparing chars is comparing Go's bytes.
            return a.compareTo(b) > 0 ? 1 : -1;
        }
        if (aNumber == null || bNumber == null) {
            return aNumber == null ? 1 : -1;
        }
        return Long.compareUnsigned(aNumber, bNumber) > 0 ? 1 : -1;
    }

    /** The value of {@code text} when it is an unsigned 64-bit decimal (as Go's ParseUint reads it), else null. */
    private static Long unsignedNumber(String text) {
        if (!isNumber(text)) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Equal in precedence: build metadata and the way it was written ("v1" and "1.0.0") do not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Version version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, prerelease);
    }

    /** The version in full, without "v", e.g. "1.2.0-rc.1+build.5" for "v1.2-rc.1+build.5". */
    @Override
    public String toString() {
        return Long.toUnsignedString(major) + "." + Long.toUnsignedString(minor) + "." + Long.toUnsignedString(patch)
                + (prerelease.isEmpty() ? "" : "-" + prerelease) + (metadata.isEmpty() ? "" : "+" + metadata);
    }
}
