package io.sluice.api.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.sluice.api.semver.Comparison.Operator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with Masterminds semver v3, whose {@code NewConstraint} and {@code Check} Helm and Flux use for
 * ranges: the tables of its {@code constraints_test.go} (github.com/Masterminds/semver at commit
 * 71f2b39f5a1f18100def1d01ef4f59576e4c6da2, v3.4.0 and 6 commits; Flux pins v3.5.0, which that copy has no tag
 * for): TestParseConstraint, TestConstraintCheck (less its three rows for "", which only Masterminds' internal
 * parseConstraint accepts: NewConstraint refuses an empty constraint), TestNewConstraint, TestConstraintsCheck,
 * the outcomes of TestConstraintsValidate that TestConstraintsCheck has not (Validate and Check agree on them)
 * and TestRewriteRange. Left out: IncludePrerelease (Flux and Helm never set it), Validate's messages, String
 * and marshalling. And the ranges of fluxcd/image-reflector-controller {@code internal/policy/semver_test.go}
 * TestNewSemVer and factory_test.go (commit debe2aaa3a98ad3ca69e178638402a5a0feec4a6, v1.2.0 and 7 commits).
 */
class VersionConstraintTest {

    static Stream<Arguments> parseConstraint() {
        return Stream.of(
                arguments(">= 1.2", Operator.AT_LEAST, "1.2.0", false),
                arguments("1.0", Operator.TILDE_OR_EQUAL, "1.0.0", false),
                arguments("foo", null, "", true),
                arguments("<= 1.2", Operator.AT_MOST, "1.2.0", false),
                arguments("=< 1.2", Operator.AT_MOST, "1.2.0", false),
                arguments("=> 1.2", Operator.AT_LEAST, "1.2.0", false),
                arguments("v1.2", Operator.TILDE_OR_EQUAL, "1.2.0", false),
                arguments("=1.5", Operator.TILDE_OR_EQUAL, "1.5.0", false),
                arguments("> 1.3", Operator.GREATER, "1.3.0", false),
                arguments("< 1.4.1", Operator.LESS, "1.4.1", false),
                arguments("< 40.50.10", Operator.LESS, "40.50.10", false));
    }

    @ParameterizedTest(name = "{0}: {1} {2}, fails: {3}")
    @MethodSource
    void parseConstraint(String text, Operator operator, String version, boolean fails) {
        if (fails) {
            assertThrows(IllegalArgumentException.class, () -> Comparison.parse(text));
        } else {
            Comparison comparison = Comparison.parse(text);
            assertEquals(operator, comparison.operator);
            assertEquals(version, comparison.version.toString());
        }
    }

    static Stream<Arguments> constraintCheck() {
        return Stream.of(
                arguments("=2.0.0", "1.2.3", false),
                arguments("=2.0.0", "2.0.0", true),
                arguments("=2.0", "1.2.3", false),
                arguments("=2.0", "2.0.0", true),
                arguments("=2.0", "2.0.1", true),
                arguments("4.1", "4.1.0", true),
                arguments("!=4.1.0", "4.1.0", false),
                arguments("!=4.1.0", "4.1.1", true),
                arguments("!=4.1", "4.1.0", false),
                arguments("!=4.1", "4.1.1", false),
                arguments("!=4.1", "5.1.0-alpha.1", false),
                arguments("!=4.1.0", "5.1.0-alpha.1", false),
                arguments("!=4.1-alpha", "4.1.0", true),
                arguments("!=4.1", "5.1.0", true),
                arguments("<11", "0.1.0", true),
                arguments("<11", "11.1.0", false),
                arguments("<1.1", "0.1.0", true),
                arguments("<1.1", "1.1.0", false),
                arguments("<1.1", "1.1.1", false),
                arguments("<=11", "1.2.3", true),
                arguments("<=11", "12.2.3", false),
                arguments("<=11", "11.2.3", true),
                arguments("<=1.1", "1.2.3", false),
                arguments("<=1.1", "0.1.0", true),
                arguments("<=1.1", "1.1.0", true),
                arguments("<=1.1", "1.1.1", true),
                arguments(">1.1", "4.1.0", true),
                arguments(">1.1", "1.1.0", false),
                arguments(">0", "0", false),
                arguments(">0", "1", true),
                arguments(">0", "0.0.1-alpha", false),
                arguments(">0.0", "0.0.1-alpha", false),
                arguments(">0-0", "0.0.1-alpha", false),
                arguments(">0.0-0", "0.0.1-alpha", false),
                arguments(">0", "0.0.0-alpha", false),
                arguments(">0-0", "0.0.0-alpha", false),
                arguments(">0.0.0-0", "0.0.0-alpha", true),
                arguments(">1.2.3-alpha.1", "1.2.3-alpha.2", true),
                arguments(">1.2.3-alpha.1", "1.3.3-alpha.2", true),
                arguments(">11", "11.1.0", false),
                arguments(">11.1", "11.1.0", false),
                arguments(">11.1", "11.1.1", false),
                arguments(">11.1", "11.2.1", true),
                arguments(">=11", "11.1.2", true),
                arguments(">=11.1", "11.1.2", true),
                arguments(">=11.1", "11.0.2", false),
                arguments(">=1.1", "4.1.0", true),
                arguments(">=1.1", "1.1.0", true),
                arguments(">=1.1", "0.0.9", false),
                arguments(">=0", "0.0.1-alpha", false),
                arguments(">=0.0", "0.0.1-alpha", false),
                arguments(">=0-0", "0.0.1-alpha", true),
                arguments(">=0.0-0", "0.0.1-alpha", true),
                arguments(">=0", "0.0.0-alpha", false),
                arguments(">=0-0", "0.0.0-alpha", true),
                arguments(">=0.0.0-0", "0.0.0-alpha", true),
                arguments(">=0.0.0-0", "1.2.3", true),
                arguments(">=0.0.0-0", "3.4.5-beta.1", true),
                arguments("<0", "0.0.0-alpha", false),
                arguments("<0-z", "0.0.0-alpha", true),
                arguments(">=0", "0", true),
                arguments("=0", "1", false),
                arguments("*", "1", true),
                arguments("*", "4.5.6", true),
                arguments("*", "1.2.3-alpha.1", false),
                arguments("*-0", "1.2.3-alpha.1", true),
                arguments("2.*", "1", false),
                arguments("2.*", "3.4.5", false),
                arguments("2.*", "2.1.1", true),
                arguments("2.1.*", "2.1.1", true),
                arguments("2.1.*", "2.2.1", false),
                arguments("2", "1", false),
                arguments("2", "3.4.5", false),
                arguments("2", "2.1.1", true),
                arguments("2.1", "2.1.1", true),
                arguments("2.1", "2.2.1", false),
                arguments("~1.2.3", "1.2.4", true),
                arguments("~1.2.3", "1.3.4", false),
                arguments("~1.2", "1.2.4", true),
                arguments("~1.2", "1.3.4", false),
                arguments("~1", "1.2.4", true),
                arguments("~1", "2.3.4", false),
                arguments("~0.2.3", "0.2.5", true),
                arguments("~0.2.3", "0.3.5", false),
                arguments("~1.2.3-beta.2", "1.2.3-beta.4", true),
                arguments("~1.2.3-beta.2", "1.2.4-beta.2", true),
                arguments("~1.2.3-beta.2", "1.3.4-beta.2", false),
                arguments("^1.2.3", "1.8.9", true),
                arguments("^1.2.3", "2.8.9", false),
                arguments("^1.2.3", "1.2.1", false),
                arguments("^1.1.0", "2.1.0", false),
                arguments("^1.2.0", "2.2.1", false),
                arguments("^1.2.0", "1.2.1-alpha.1", false),
                arguments("^1.2.0-alpha.0", "1.2.1-alpha.1", true),
                arguments("^1.2.0-alpha.0", "1.2.1-alpha.0", true),
                arguments("^1.2.0-alpha.2", "1.2.0-alpha.1", false),
                arguments("^1.2", "1.8.9", true),
                arguments("^1.2", "2.8.9", false),
                arguments("^1", "1.8.9", true),
                arguments("^1", "2.8.9", false),
                arguments("^0.2.3", "0.2.5", true),
                arguments("^0.2.3", "0.5.6", false),
                arguments("^0.2", "0.2.5", true),
                arguments("^0.2", "0.5.6", false),
                arguments("^0.0.3", "0.0.3", true),
                arguments("^0.0.3", "0.0.4", false),
                arguments("^0.0", "0.0.3", true),
                arguments("^0.0", "0.1.4", false),
                arguments("^0.0", "1.0.4", false),
                arguments("^0", "0.2.3", true),
                arguments("^0", "1.1.4", false),
                arguments("^0.2.3-beta.2", "0.2.3-beta.4", true),
                arguments("^0.2.3-beta.2", "0.2.4-beta.2", true),
                arguments("^0.2.3-beta.2", "0.3.4-beta.2", false),
                arguments("^0.2.3-beta.2", "0.2.3-beta.2", true));
    }

    /** One comparison, pre-releases allowed when it names one (as its group would). */
    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @MethodSource
    void constraintCheck(String constraint, String version, boolean allows) {
        Comparison comparison = Comparison.parse(constraint);
        assertEquals(allows, comparison.allows(Version.parse(version), comparison.version.hasPrerelease()));
    }

    static Stream<Arguments> newConstraint() {
        return Stream.of(
                arguments(">= 1.1", 1, 1, false),
                arguments(">40.50.60, < 50.70", 1, 2, false),
                arguments("2.0", 1, 1, false),
                arguments("v2.3.5-20161202202307-sha.e8fc5e5", 1, 1, false),
                arguments("v1.2.3-0abc", 1, 1, false),
                arguments("v1.2.3-beta.01", 1, 1, true),
                arguments(">= bar", 0, 0, true),
                arguments("BAR >= 1.2.3", 0, 0, true),
                arguments(">= 1.2.3 < 2.0", 1, 2, false),
                arguments(">= 1.2.3 < 2.0 || => 3.0 < 4", 2, 2, false),
                arguments(">= 1.2.3, < 2.0", 1, 2, false),
                arguments(">= 1.2.3, < 2.0 || => 3.0, < 4", 2, 2, false),
                arguments("3 - 4 || => 3.0, < 4", 2, 2, false),
                arguments("12.3.4.1234", 0, 0, true),
                arguments("12.23.4.1234", 0, 0, true),
                arguments("12.3.34.1234", 0, 0, true),
                arguments("12.3.34 ~1.2.3", 1, 2, false),
                arguments("12.3.34~ 1.2.3", 0, 0, true),
                arguments("1.0.0 - 2.0.0, <=2.0.0", 1, 3, false));
    }

    @ParameterizedTest(name = "{0}: {1} groups, {2} in the first, fails: {3}")
    @MethodSource
    void newConstraint(String text, int groups, int firstGroupSize, boolean fails) {
        if (fails) {
            assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse(text));
        } else {
            List<List<Comparison>> read = VersionConstraint.parse(text).groups();
            assertEquals(groups, read.size());
            assertEquals(firstGroupSize, read.get(0).size());
        }
    }

    static Stream<Arguments> constraintsCheck() {
        return Stream.of(
                arguments("*", "1.2.3", true),
                arguments("~0.0.0", "1.2.3", true),
                arguments("0.x.x", "1.2.3", false),
                arguments("0.0.x", "1.2.3", false),
                arguments("0.0.0", "1.2.3", false),
                arguments("*", "1.2.3", true),
                arguments("^0.0.0", "1.2.3", false),
                arguments("= 2.0", "1.2.3", false),
                arguments("= 2.0", "2.0.0", true),
                arguments("4.1", "4.1.0", true),
                arguments("4.1.x", "4.1.3", true),
                arguments("1.x", "1.4", true),
                arguments("!=4.1", "4.1.0", false),
                arguments("!=4.1-alpha", "4.1.0-alpha", false),
                arguments("!=4.1-alpha", "4.1.1-alpha", false),
                arguments("!=4.1-alpha", "4.1.0", true),
                arguments("!=4.1", "5.1.0", true),
                arguments("!=4.x", "5.1.0", true),
                arguments("!=4.x", "4.1.0", false),
                arguments("!=4.1.x", "4.2.0", true),
                arguments("!=4.2.x", "4.2.3", false),
                arguments(">1.1", "4.1.0", true),
                arguments(">1.1", "1.1.0", false),
                arguments("<1.1", "0.1.0", true),
                arguments("<1.1", "1.1.0", false),
                arguments("<1.1", "1.1.1", false),
                arguments("<1.x", "1.1.1", false),
                arguments("<1.x", "0.1.1", true),
                arguments("<1.x", "2.0.0", false),
                arguments("<1.1.x", "1.2.1", false),
                arguments("<1.1.x", "1.1.500", false),
                arguments("<1.1.x", "1.0.500", true),
                arguments("<1.2.x", "1.1.1", true),
                arguments(">=1.1", "4.1.0", true),
                arguments(">=1.1", "4.1.0-beta", false),
                arguments(">=1.1", "1.1.0", true),
                arguments(">=1.1", "0.0.9", false),
                arguments("<=1.1", "0.1.0", true),
                arguments("<=1.1", "0.1.0-alpha", false),
                arguments("<=1.1-a", "0.1.0-alpha", true),
                arguments("<=1.1", "1.1.0", true),
                arguments("<=1.x", "1.1.0", true),
                arguments("<=2.x", "3.0.0", false),
                arguments("<=1.1", "1.1.1", true),
                arguments("<=1.1.x", "1.2.500", false),
                arguments("<=4.5", "3.4.0", true),
                arguments("<=4.5", "3.7.0", true),
                arguments("<=4.5", "4.6.3", false),
                arguments(">1.1, <2", "1.1.1", false),
                arguments(">1.1, <2", "1.2.1", true),
                arguments(">1.1, <3", "4.3.2", false),
                arguments(">=1.1, <2, !=1.2.3", "1.2.3", false),
                arguments(">1.1 <2", "1.1.1", false),
                arguments(">1.1 <2", "1.2.1", true),
                arguments(">1.1    <3", "4.3.2", false),
                arguments(">=1.1    <2    !=1.2.3", "1.2.3", false),
                arguments(">=1.1, <2, !=1.2.3 || > 3", "4.1.2", true),
                arguments(">=1.1, <2, !=1.2.3 || > 3", "3.1.2", false),
                arguments(">=1.1, <2, !=1.2.3 || >= 3", "3.0.0", true),
                arguments(">=1.1, <2, !=1.2.3 || > 3", "3.0.0", false),
                arguments(">=1.1, <2, !=1.2.3 || > 3", "1.2.3", false),
                arguments(">=1.1 <2 !=1.2.3", "1.2.3", false),
                arguments(">=1.1 <2 !=1.2.3 || > 3", "4.1.2", true),
                arguments(">=1.1 <2 !=1.2.3 || > 3", "3.1.2", false),
                arguments(">=1.1 <2 !=1.2.3 || >= 3", "3.0.0", true),
                arguments(">=1.1 <2 !=1.2.3 || > 3", "3.0.0", false),
                arguments(">=1.1 <2 !=1.2.3 || > 3", "1.2.3", false),
                arguments("> 1.1, <     2", "1.1.1", false),
                arguments(">   1.1, <2", "1.2.1", true),
                arguments(">1.1, <  3", "4.3.2", false),
                arguments(">= 1.1, <     2, !=1.2.3", "1.2.3", false),
                arguments("> 1.1 < 2", "1.1.1", false),
                arguments(">1.1 < 2", "1.2.1", true),
                arguments("> 1.1    <3", "4.3.2", false),
                arguments(">=1.1    < 2    != 1.2.3", "1.2.3", false),
                arguments(">= 1.1, <2, !=1.2.3 || > 3", "4.1.2", true),
                arguments(">= 1.1, <2, != 1.2.3 || > 3", "3.1.2", false),
                arguments(">= 1.1, <2, != 1.2.3 || >= 3", "3.0.0", true),
                arguments(">= 1.1, <2, !=1.2.3 || > 3", "3.0.0", false),
                arguments(">= 1.1, <2, !=1.2.3 || > 3", "1.2.3", false),
                arguments(">= 1.1 <2 != 1.2.3", "1.2.3", false),
                arguments(">= 1.1 <2 != 1.2.3 || > 3", "4.1.2", true),
                arguments(">= 1.1 <2 != 1.2.3 || > 3", "3.1.2", false),
                arguments(">= 1.1 <2 != 1.2.3 || >= 3", "3.0.0", true),
                arguments(">= 1.1 < 2 !=1.2.3 || > 3", "3.0.0", false),
                arguments(">=1.1 < 2 !=1.2.3 || > 3", "1.2.3", false),
                arguments(">= 1.0.0  <= 2.0.0-beta", "1.0.1-beta", true),
                arguments(">= 1.0.0  <= 2.0.0-beta", "1.0.1", true),
                arguments(">= 1.0.0  <= 2.0.0-beta", "3.0.0", false),
                arguments(">= 1.0.0  <= 2.0.0-beta || > 3", "1.0.1-beta", true),
                arguments(">= 1.0.0  <= 2.0.0-beta || > 3", "3.0.1-beta", false),
                arguments(">= 1.0.0  <= 2.0.0-beta != 1.0.1 || > 3", "1.0.1-beta", true),
                arguments(">= 1.0.0  <= 2.0.0-beta != 1.0.1-beta || > 3", "1.0.1-beta", false),
                arguments(">= 1.0.0-0  <= 2.0.0", "1.0.1-beta", true),
                arguments("1.1 - 2", "1.1.1", true),
                arguments("1.5.0 - 4.5", "3.7.0", true),
                arguments("1.1-3", "4.3.2", false),
                arguments("^1.1", "1.1.1", true),
                arguments("^1.1", "4.3.2", false),
                arguments("^1.x", "1.1.1", true),
                arguments("^2.x", "1.1.1", false),
                arguments("^1.x", "2.1.1", false),
                arguments("^1.x", "1.1.1-beta1", false),
                arguments("^1.1.2-alpha", "1.2.1-beta1", true),
                arguments("^1.2.x-alpha", "1.1.1-beta1", false),
                arguments("^0.0.1", "0.0.1", true),
                arguments("^0.0.1", "0.3.1", false),
                arguments("~*", "2.1.1", true),
                arguments("~1", "2.1.1", false),
                arguments("~1", "1.3.5", true),
                arguments("~1", "1.4", true),
                arguments("~1.x", "2.1.1", false),
                arguments("~1.x", "1.3.5", true),
                arguments("~1.x", "1.4", true),
                arguments("~1.1", "1.1.1", true),
                arguments("~1.1", "1.1.1-alpha", false),
                arguments("~1.1-alpha", "1.1.1-beta", true),
                arguments("~1.1.1-beta", "1.1.1-alpha", false),
                arguments("~1.1.1-beta", "1.1.1", true),
                arguments("~1.2.3", "1.2.5", true),
                arguments("~1.2.3", "1.2.2", false),
                arguments("~1.2.3", "1.3.2", false),
                arguments("~1.1", "1.2.3", false),
                arguments("~1.3", "2.4.5", false),
                arguments("1.0.0 - 2.0.0 <=2.0.0", "1.5.0", true),
                arguments("1.0.0 - 2.0.0, <=2.0.0", "1.5.0", true));
    }

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @MethodSource({"constraintsCheck", "constraintsValidate"})
    void constraintsCheck(String constraint, String version, boolean allows) {
        assertEquals(allows, VersionConstraint.parse(constraint).allows(Version.parse(version)));
    }

    /** The rows of TestConstraintsValidate that TestConstraintsCheck does not have. */
    static Stream<Arguments> constraintsValidate() {
        return Stream.of(
                arguments("<2.x", "1.1.1", true),
                arguments("<1.x", "2.1.1", false),
                arguments("<=2.x", "3.1.0", false),
                arguments("^1.1", "1.1.1-alpha", false),
                arguments("^1.1.1-alpha", "1.1.1-beta", true),
                arguments("^1.1.1-beta", "1.1.1-alpha", false),
                arguments("^0.0.1", "0.1.3", false),
                arguments("~1", "1.3.5-beta", false),
                arguments("~1.x", "1.3.5-beta", false),
                arguments("~1.3.6-alpha", "1.3.5-beta", false),
                arguments("~1.3.5-alpha", "1.3.5-beta", true),
                arguments("~1.3.5-beta", "1.3.5-alpha", false));
    }

    static Stream<Arguments> rewriteRange() {
        return Stream.of(
                arguments("2 - 3", ">= 2, <= 3 "),
                arguments("2 - 3, 2 - 3", ">= 2, <= 3 ,>= 2, <= 3 "),
                arguments("2 - 3, 4.0.0 - 5.1", ">= 2, <= 3 ,>= 4.0.0, <= 5.1 "),
                arguments("2 - 3 4.0.0 - 5.1", ">= 2, <= 3 >= 4.0.0, <= 5.1 "),
                arguments("1.0.0 - 2.0.0 <=2.0.0", ">= 1.0.0, <= 2.0.0 <=2.0.0"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void rewriteRange(String text, String rewritten) {
        assertEquals(rewritten, VersionConstraint.rewriteHyphenRanges(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.x", "^1.0", "=1.0.0", "~1.0", ">=1.0", ">0,<2.0"})
    void fluxAcceptsTheseRanges(String range) {
        assertEquals(range, VersionConstraint.parse(range).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0p", "1x", "x1", "-1", "a", "", "*-*"})
    void fluxRefusesTheseRanges(String range) {
        assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse(range));
    }

    @Test
    void errorsQuoteTheConstraintAndThePartThatIsWrong() {
        String examples = " (e.g. '1.2.x', '>=1.0.0 <2.0.0', '^1.2', '~1.2.3 || 2.x', '1.0 - 2.0')";
        assertEquals("'newest please' is not a version constraint" + examples, message("newest please"));
        assertEquals("'' is not a version constraint" + examples, message(""));
        assertEquals("'1.x || latest' is not a version constraint: 'latest' is no comparison" + examples,
                message("1.x || latest"));
        assertEquals("'>= 1x' is not a version constraint: '1x' is not a version", message(">= 1x"));
        assertEquals("'v1.2.3-beta.01' is not a version constraint: 'v1.2.3-beta.01' is not a semantic version:"
                + " its pre-release identifier '01' starts with 0", message("v1.2.3-beta.01"));
    }

    @Test
    void equalWhenWrittenTheSame() {
        assertEquals(VersionConstraint.parse(">=1.0.0 <2.0.0"), VersionConstraint.parse(">=1.0.0 <2.0.0"));
        assertEquals(VersionConstraint.parse("1.x").hashCode(), VersionConstraint.parse("1.x").hashCode());
    }

    private static String message(String constraint) {
        return assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse(constraint)).getMessage();
    }
}
