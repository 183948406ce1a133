package io.sluice.api.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with Masterminds semver v3, whose {@code NewVersion} Helm and Flux read versions with: the tables of
 * its {@code version_test.go} (github.com/Masterminds/semver at commit 71f2b39f5a1f18100def1d01ef4f59576e4c6da2,
 * v3.4.0 and 6 commits; Flux pins v3.5.0, which that copy has no tag for): TestNewVersion (the default reading),
 * TestOriginal, TestParts, TestCoerceString, TestCompare, TestLessThan, TestLessThanEqual, TestGreaterThan,
 * TestGreaterThanEqual, TestEqual, TestValidatePrerelease and TestValidateMetadata. Left out: what Sluice does
 * not offer (StrictNewVersion, CoerceNewVersion=false, incrementing, setters, JSON/SQL marshalling). And the
 * table of github.com/fluxcd/pkg {@code version/version_test.go} TestParseVersion (commit
 * e2cfd1a2d1815a81b3e77ef750e6528282ccccd6, after tag version/v0.9.0) for {@link Version#parseTag}.
 */
class VersionTest {

    static Stream<Arguments> newVersion() {
        return Stream.of(
                arguments("1.2.3", false),
                arguments("1.2.3-alpha.01", true),
                arguments("1.2.3+test.01", false),
                arguments("1.2.3-alpha.-1", false),
                arguments("v1.2.3", false),
                arguments("1.0", false),
                arguments("v1.0", false),
                arguments("1", false),
                arguments("v1", false),
                arguments("1.2.beta", true),
                arguments("v1.2.beta", true),
                arguments("foo", true),
                arguments("1.2-5", false),
                arguments("v1.2-5", false),
                arguments("1.2-beta.5", false),
                arguments("v1.2-beta.5", false),
                arguments("\n1.2", true),
                arguments("\nv1.2", true),
                arguments("1.2.0-x.Y.0+metadata", false),
                arguments("v1.2.0-x.Y.0+metadata", false),
                arguments("1.2.0-x.Y.0+metadata-width-hypen", false),
                arguments("v1.2.0-x.Y.0+metadata-width-hypen", false),
                arguments("1.2.3-rc1-with-hypen", false),
                arguments("v1.2.3-rc1-with-hypen", false),
                arguments("1.2.3-0abc123", false),
                arguments("1.2.3-beta.01", true),
                arguments("1.2.3.4", true),
                arguments("v1.2.3.4", true),
                arguments("1.2.2147483648", false),
                arguments("1.2147483648.3", false),
                arguments("2147483648.3.0", false),
                arguments("12.3.4.1234", true),
                arguments("12.23.4.1234", true),
                arguments("12.3.34.1234", true),
                arguments("20221209-update-renovatejson-v4", false),
                arguments("1.1.2+.123", true),
                arguments("1.0.0-alpha_beta", true),
                arguments("1.0.0-alpha..", true),
                arguments("1.0.0-alpha..1", true),
                arguments("9.8.7+meta+meta", true),
                arguments("1.2.31----RC-SNAPSHOT.12.09.1--.12+788", true),
                arguments("01.1.1", false),
                arguments("1.01.1", false),
                arguments("1.1.01", false));
    }

    @ParameterizedTest(name = "{0} fails: {1}")
    @MethodSource
    void newVersion(String text, boolean fails) {
        if (fails) {
            assertThrows(IllegalArgumentException.class, () -> Version.parse(text));
        } else {
            assertEquals(text, Version.parse(text).original());
        }
    }

    @Test
    void originalIsTheTextAsWritten() {
        for (String text : List.of("1.2.3", "v1.2.3", "1.0", "v1.0", "1", "v1", "1.2-5", "v1.2-5", "1.2-beta.5",
                "v1.2-beta.5", "1.2.0-x.Y.0+metadata", "v1.2.0-x.Y.0+metadata", "1.2.0-x.Y.0+metadata-width-hypen",
                "v1.2.0-x.Y.0+metadata-width-hypen", "1.2.3-rc1-with-hypen", "v1.2.3-rc1-with-hypen")) {
            assertEquals(text, Version.parse(text).original());
        }
    }

    @Test
    void parts() {
        Version version = Version.parse("1.2.3-beta.1+build.123");
        assertEquals(List.of(1L, 2L, 3L), List.of(version.major(), version.minor(), version.patch()));
        assertEquals("beta.1", version.prerelease());
        assertEquals("build.123", version.metadata());
    }

    static Stream<Arguments> coerceString() {
        return Stream.of(
                arguments("1.2.3", "1.2.3"),
                arguments("v1.2.3", "1.2.3"),
                arguments("1.0", "1.0.0"),
                arguments("v1.0", "1.0.0"),
                arguments("1", "1.0.0"),
                arguments("v1", "1.0.0"),
                arguments("1.2-5", "1.2.0-5"),
                arguments("v1.2-5", "1.2.0-5"),
                arguments("1.2-beta.5", "1.2.0-beta.5"),
                arguments("v1.2-beta.5", "1.2.0-beta.5"),
                arguments("1.2.0-x.Y.0+metadata", "1.2.0-x.Y.0+metadata"),
                arguments("v1.2.0-x.Y.0+metadata", "1.2.0-x.Y.0+metadata"),
                arguments("1.2.0-x.Y.0+metadata-width-hypen", "1.2.0-x.Y.0+metadata-width-hypen"),
                arguments("v1.2.0-x.Y.0+metadata-width-hypen", "1.2.0-x.Y.0+metadata-width-hypen"),
                arguments("1.2.3-rc1-with-hypen", "1.2.3-rc1-with-hypen"),
                arguments("v1.2.3-rc1-with-hypen", "1.2.3-rc1-with-hypen"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void coerceString(String text, String full) {
        assertEquals(full, Version.parse(text).toString());
    }

    static Stream<Arguments> compare() {
        return Stream.of(
                arguments("1.2.3", "1.5.1", -1),
                arguments("2.2.3", "1.5.1", 1),
                arguments("2.2.3", "2.2.2", 1),
                arguments("3.2-beta", "3.2-beta", 0),
                arguments("1.3", "1.1.4", 1),
                arguments("4.2", "4.2-beta", 1),
                arguments("4.2-beta", "4.2", -1),
                arguments("4.2-alpha", "4.2-beta", -1),
                arguments("4.2-alpha", "4.2-alpha", 0),
                arguments("4.2-beta.2", "4.2-beta.1", 1),
                arguments("4.2-beta2", "4.2-beta1", 1),
                arguments("4.2-beta", "4.2-beta.2", -1),
                arguments("4.2-beta", "4.2-beta.foo", -1),
                arguments("4.2-beta.2", "4.2-beta", 1),
                arguments("4.2-beta.foo", "4.2-beta", 1),
                arguments("1.2+bar", "1.2+baz", 0),
                arguments("1.0.0-beta.4", "1.0.0-beta.-2", -1),
                arguments("1.0.0-beta.-2", "1.0.0-beta.-3", -1),
                arguments("1.0.0-beta.-3", "1.0.0-beta.5", 1));
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @MethodSource
    void compare(String a, String b, int order) {
        assertEquals(order, Integer.signum(Version.parse(a).compareTo(Version.parse(b))));
    }

    static Stream<Arguments> lessThan() {
        return Stream.of(
                arguments("1.2.3", "1.5.1", true),
                arguments("2.2.3", "1.5.1", false),
                arguments("3.2-beta", "3.2-beta", false));
    }

    @ParameterizedTest(name = "{0} < {1}: {2}")
    @MethodSource
    void lessThan(String a, String b, boolean less) {
        assertEquals(less, Version.parse(a).compareTo(Version.parse(b)) < 0);
    }

    static Stream<Arguments> lessThanEqual() {
        return Stream.of(
                arguments("1.2.3", "1.5.1", true),
                arguments("2.2.3", "1.5.1", false),
                arguments("1.5.1", "1.5.1", true));
    }

    @ParameterizedTest(name = "{0} <= {1}: {2}")
    @MethodSource
    void lessThanEqual(String a, String b, boolean atMost) {
        assertEquals(atMost, Version.parse(a).compareTo(Version.parse(b)) <= 0);
    }

    static Stream<Arguments> greaterThan() {
        return Stream.of(
                arguments("1.2.3", "1.5.1", false),
                arguments("2.2.3", "1.5.1", true),
                arguments("3.2-beta", "3.2-beta", false),
                arguments("3.2.0-beta.1", "3.2.0-beta.5", false),
                arguments("3.2-beta.4", "3.2-beta.2", true),
                arguments("7.43.0-SNAPSHOT.99", "7.43.0-SNAPSHOT.103", false),
                arguments("7.43.0-SNAPSHOT.FOO", "7.43.0-SNAPSHOT.103", true),
                arguments("7.43.0-SNAPSHOT.99", "7.43.0-SNAPSHOT.BAR", false));
    }

    @ParameterizedTest(name = "{0} > {1}: {2}")
    @MethodSource
    void greaterThan(String a, String b, boolean greater) {
        assertEquals(greater, Version.parse(a).compareTo(Version.parse(b)) > 0);
    }

    static Stream<Arguments> greaterThanEqual() {
        return Stream.of(
                arguments("1.2.3", "1.5.1", false),
                arguments("2.2.3", "1.5.1", true),
                arguments("1.5.1", "1.5.1", true));
    }

    @ParameterizedTest(name = "{0} >= {1}: {2}")
    @MethodSource
    void greaterThanEqual(String a, String b, boolean atLeast) {
        assertEquals(atLeast, Version.parse(a).compareTo(Version.parse(b)) >= 0);
    }

    @Test
    void equalIgnoresBuildMetadata() {
        assertNotEquals(Version.parse("1.2.3"), Version.parse("1.5.1"));
        assertNotEquals(Version.parse("2.2.3"), Version.parse("1.5.1"));
        assertEquals(Version.parse("3.2-beta"), Version.parse("3.2-beta"));
        assertEquals(Version.parse("3.2-beta+foo"), Version.parse("3.2-beta+bar"));
        assertEquals(Version.parse("3.2-beta+foo").hashCode(), Version.parse("3.2-beta+bar").hashCode());
    }

    @Test
    void validatesPrereleaseAndMetadata() {
        for (String valid : List.of("foo", "alpha.1", "alpha.0-1")) {
            assertEquals(valid, Version.parse("1.2.3-" + valid).prerelease());
            assertEquals(valid, Version.parse("1.2.3+" + valid).metadata());
        }
        assertEquals("alpha.01", Version.parse("1.2.3+alpha.01").metadata());
        String longMetadata = "al-pha.1Phe70CgWe050H9K1mJwRUqTNQXZRERwLOEg37wpXUb4JgzgaD5YkL52ABnoyiE";
        assertEquals(longMetadata, Version.parse("1.2.3+" + longMetadata).metadata());
        assertEquals("'1.2.3-alpha.01' is not a semantic version: its pre-release identifier '01' starts with 0",
                assertThrows(IllegalArgumentException.class, () -> Version.parse("1.2.3-alpha.01")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Version.parse("1.2.3-foo\u2603\ufe0e"));
        assertThrows(IllegalArgumentException.class, () -> Version.parse("1.2.3+foo\u2603\ufe0e"));
    }

    static Stream<Arguments> parseTag() {
        return Stream.of(
                arguments("v1.2.3", false),
                arguments("v2025.07.03", false),
                arguments("v1.0", true),
                arguments("v1", true),
                arguments("v1.2.beta", true),
                arguments("v1.2-5", true),
                arguments("v1.2-beta5", true),
                arguments("\nv1.2", true),
                arguments("v1.2.0-x.Y.0+metadata", false),
                arguments("v1.2.0-x.Y.0+metadata-width-hypen", false),
                arguments("v1.2.3-rc1-with-hypen", false),
                arguments("v1.2.3.4", true));
    }

    @ParameterizedTest(name = "{0} fails: {1}")
    @MethodSource
    void parseTag(String text, boolean fails) {
        if (fails) {
            assertThrows(IllegalArgumentException.class, () -> Version.parseTag(text));
        } else {
            assertEquals(text, Version.parseTag(text).original());
        }
    }

    @Test
    void errorsSayWhy() {
        assertEquals("'foo' is not a semantic version (e.g. '1.2.3', 'v1.2', '1.2.3-rc.1+build.5')",
                assertThrows(IllegalArgumentException.class, () -> Version.parse("foo")).getMessage());
        assertEquals("'1.18446744073709551616' is not a semantic version: 18446744073709551616 is larger than"
                + " 18446744073709551615", assertThrows(IllegalArgumentException.class,
                        () -> Version.parse("1.18446744073709551616")).getMessage());
        assertEquals("18446744073709551615.0.0", Version.parse("18446744073709551615").toString());
        assertEquals("'v1.2' is not a version: it does not have the form MAJOR.MINOR.PATCH",
                assertThrows(IllegalArgumentException.class, () -> Version.parseTag("v1.2")).getMessage());
    }
}
