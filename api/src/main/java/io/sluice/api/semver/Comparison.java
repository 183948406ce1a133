package io.sluice.api.semver;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One comparison of a constraint, e.g. {@code >= 1.2}, {@code ~1.2.3}, {@code !=4.x}: an operator and a
 * version whose missing or wildcard (x, X, *) parts make it "dirty" from that part on. Masterminds'
 * {@code constraint}, checked with the same rules part by part.
 */
final class Comparison {
    /** Masterminds' operators, in the order its expressions try them: "=" before "", ">" before ">=". */
    static final String OPERATORS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
    /**
     * A version as a constraint writes it: numbers or wildcards ('|' is in the classes as Masterminds has it);
     * groups: major, .minor, .patch, -pre-release.
     */
    static final String VERSION = "v?([0-9|x|X|*]+)(\\.[0-9|x|X|*]+)?(\\.[0-9|x|X|*]+)?"
            + "(-(?:[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+(?:[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?";
    /** Go's \s, which (unlike Java's) has no vertical tab. */
    static final String SPACE = "[\\t\\n\\f\\r ]";
    private static final Pattern ONE = Pattern.compile(SPACE + "*(" + OPERATORS + ")" + SPACE + "*(" + VERSION + ")"
            + SPACE + "*");
    private static final Map<String, Operator> OPERATOR_NAMES = Map.ofEntries(Map.entry("", Operator.TILDE_OR_EQUAL),
            Map.entry("=", Operator.TILDE_OR_EQUAL), Map.entry("!=", Operator.NOT_EQUAL),
            Map.entry(">", Operator.GREATER), Map.entry("<", Operator.LESS), Map.entry(">=", Operator.AT_LEAST),
            Map.entry("=>", Operator.AT_LEAST), Map.entry("<=", Operator.AT_MOST), Map.entry("=<", Operator.AT_MOST),
            Map.entry("~", Operator.TILDE), Map.entry("~>", Operator.TILDE), Map.entry("^", Operator.CARET));

    enum Operator { TILDE_OR_EQUAL, NOT_EQUAL, GREATER, LESS, AT_LEAST, AT_MOST, TILDE, CARET }

    /** How much of the written version is a wildcard or missing: nothing, the patch, or minor and patch. */
    private enum Dirt { NONE, PATCH, MINOR, ALL }

    final Operator operator;
    /** The version compared with: the written one, its wildcard parts made 0. */
    final Version version;
    private final Dirt dirt;

    private Comparison(Operator operator, Version version, Dirt dirt) {
        this.operator = operator;
        this.version = version;
        this.dirt = dirt;
    }

    /** The comparison {@code text} is; an IllegalArgumentException saying why when it is none. */
    static Comparison parse(String text) {
        Matcher parts = ONE.matcher(text);
        if (!parts.matches()) {
            throw new IllegalArgumentException("'" + text.strip() + "' is no comparison");
        }
        String major = parts.group(3);
        String minor = Objects.requireNonNullElse(parts.group(4), "");
        String patch = Objects.requireNonNullElse(parts.group(5), "");
        String prerelease = Objects.requireNonNullElse(parts.group(6), "");
        // Masterminds drops the build metadata of a version with wildcards, and keeps it otherwise.
        String version = parts.group(2);
        Dirt dirt = Dirt.NONE;
        if (isWildcard(major)) {
            dirt = Dirt.ALL;
            version = "0.0.0" + prerelease;
        } else if (minor.isEmpty() || isWildcard(minor.substring(1))) {
            dirt = Dirt.MINOR;
            version = major + ".0.0" + prerelease;
        } else if (patch.isEmpty() || isWildcard(patch.substring(1))) {
            dirt = Dirt.PATCH;
            version = major + minor + ".0" + prerelease;
        }
        try {
            return new Comparison(OPERATOR_NAMES.get(parts.group(1)), Version.parse(version), dirt);
        } catch (IllegalArgumentException e) {
            // With wildcards, the version parsed is not the one written: name the written one.
            throw dirt == Dirt.NONE ? e : new IllegalArgumentException("'" + parts.group(2) + "' is not a version");
        }
    }

    private static boolean isWildcard(String part) {
        return part.equals("x") || part.equals("X") || part.equals("*");
    }

    /** Whether {@code v} passes; a pre-release never does unless {@code prereleases} (its group names one). */
    boolean allows(Version v, boolean prereleases) {
        if (v.hasPrerelease() && !prereleases) {
            return false;
        }
        return switch (operator) {
            case TILDE_OR_EQUAL -> dirt == Dirt.NONE ? v.equals(version) : tilde(v);
            case NOT_EQUAL -> notEqual(v);
            case GREATER -> greater(v);
            case LESS -> v.compareTo(version) < 0;
            case AT_LEAST -> v.compareTo(version) >= 0;
            case AT_MOST -> atMost(v);
            case TILDE -> tilde(v);
            case CARET -> caret(v);
        };
    }

    private boolean notEqual(Version v) {
        if (dirt != Dirt.NONE) {
            if (v.major() != version.major()) {
                return true;
            }
            if (dirt == Dirt.MINOR) {
                return false;
            }
            if (v.minor() != version.minor()) {
                return true;
            }
            if (dirt == Dirt.PATCH) {
                return (v.hasPrerelease() || version.hasPrerelease())
                        && Version.comparePrereleases(v.prerelease(), version.prerelease()) != 0;
            }
            if (v.patch() != version.patch()) {
                return true;
            }
        }
        return !v.equals(version);
    }

    private boolean greater(Version v) {
        if (dirt == Dirt.NONE) {
            return v.compareTo(version) > 0;
        }
        int major = Long.compareUnsigned(v.major(), version.major());
        if (major != 0) {
            return major > 0;
        }
        // ">11" wants 12 or above, ">11.1" wants 11.2 or above.
        if (dirt == Dirt.MINOR) {
            return false;
        }
        if (dirt == Dirt.PATCH) {
            return Long.compareUnsigned(v.minor(), version.minor()) > 0;
        }
        return v.compareTo(version) > 0;
    }

    private boolean atMost(Version v) {
        if (dirt == Dirt.NONE) {
            return v.compareTo(version) <= 0;
        }
        int major = Long.compareUnsigned(v.major(), version.major());
        return major < 0 || major == 0
                && (dirt == Dirt.MINOR || Long.compareUnsigned(v.minor(), version.minor()) <= 0);
    }

    /** ~1.2.3 and ~1.2: at least that, same major and minor; ~1: same major; ~* and ~0.0.0: anything. */
    private boolean tilde(Version v) {
        if (v.compareTo(version) < 0) {
            return false;
        }
        if (version.major() == 0 && version.minor() == 0 && version.patch() == 0 && dirt != Dirt.MINOR
                && dirt != Dirt.PATCH) {
            return true;
        }
        return v.major() == version.major() && (dirt == Dirt.MINOR || v.minor() == version.minor());
    }

    /** ^1.2.3: at least that, same major; ^0.2.3 and ^0.2: same minor; ^0.0.3: that patch only. */
    private boolean caret(Version v) {
        if (v.compareTo(version) < 0) {
            return false;
        }
        if (version.major() != 0 || dirt == Dirt.MINOR) {
            return v.major() == version.major();
        }
        if (v.major() != 0) {
            return false;
        }
        if (version.minor() != 0 || dirt == Dirt.PATCH) {
            return v.minor() == version.minor();
        }
        return v.minor() == 0 && v.patch() == version.patch();
    }
}
