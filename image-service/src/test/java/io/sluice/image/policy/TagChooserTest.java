package io.sluice.image.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.sluice.api.image.ImagePolicy;
import io.sluice.api.image.ImagePolicy.DigestReflectionPolicy;
import io.sluice.api.image.ImagePolicy.Order;
import io.sluice.api.image.ImagePolicy.Policy;
import io.sluice.api.image.ImagePolicy.TagFilter;
import io.sluice.api.meta.GoRegex;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.semver.VersionConstraint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with Flux's tag choice: the tables of github.com/fluxcd/image-reflector-controller
 * {@code internal/policy/semver_test.go} (TestSemVer_Latest), {@code alphabetical_test.go}
 * (TestAlphabetical_Latest), {@code numerical_test.go} (TestNumerical_Latest, whose lists Flux shuffles: here
 * each runs as listed and reversed) and {@code filter_test.go} (TestRegexFilter), at commit
 * debe2aaa3a98ad3ca69e178638402a5a0feec4a6 (tag v1.2.0 and 7 commits). A Flux case that expects an error
 * expects no tag here, with a reason. The order and constructor cases of those files are the ImagePolicy
 * reader's (api ImagePolicyTest) and VersionConstraintTest's.
 */
class TagChooserTest {

    static Stream<Arguments> semver() {
        return Stream.of(
                arguments("With valid format", "1.0.x",
                        List.of("1.0.0", "1.0.0.1", "1.0.0p", "1.0.1", "1.2.0", "0.1.0"), "1.0.1"),
                arguments("With valid format prefix", "1.0.x", List.of("v1.2.3", "v1.0.0", "v0.1.0"), "v1.0.0"),
                arguments("With invalid format prefix", "1.0.x", List.of("b1.2.3", "b1.0.0", "b0.1.0"), null),
                arguments("With empty list", "1.0.x", List.of(), null),
                arguments("With non-matching version list", "1.0.x", List.of("1.2.0"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void semver(String label, String range, List<String> tags, String chosen) {
        assertEquals(chosen, choose(new Policy.SemVer(VersionConstraint.parse(range)), null, tags).tag());
    }

    static Stream<Arguments> alphabetical() {
        List<String> calver = List.of("16.04", "16.04.1", "16.10", "20.04", "20.10");
        List<String> codeNames = List.of("xenial", "yakkety", "zesty", "artful", "bionic");
        List<String> timestamps = List.of("1606234201", "1606364286", "1606334092", "1606334284", "1606334201");
        List<String> rfc3339 = List.of("2021-01-08T21-18-21Z", "2020-05-08T21-18-21Z", "2021-01-08T19-20-00Z",
                "1990-01-08T00-20-00Z", "2023-05-08T00-20-00Z");
        return Stream.of(
                arguments("With Ubuntu CalVer", Order.ASC, calver, "20.10"),
                arguments("With Ubuntu CalVer descending", Order.DESC, calver, "16.04"),
                arguments("With Ubuntu code names", Order.ASC, codeNames, "zesty"),
                arguments("With Ubuntu code names descending", Order.DESC, codeNames, "artful"),
                arguments("With Timestamps", Order.ASC, timestamps, "1606364286"),
                arguments("With Unix Timestamps desc", Order.DESC, timestamps, "1606234201"),
                arguments("With Unix Timestamps prefix", Order.ASC, timestamps.stream().map(t -> "rel-" + t).toList(),
                        "rel-1606364286"),
                arguments("With RFC3339", Order.ASC, rfc3339, "2023-05-08T00-20-00Z"),
                arguments("With RFC3339 desc", Order.DESC, rfc3339, "1990-01-08T00-20-00Z"),
                arguments("Empty version list", Order.ASC, List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void alphabetical(String label, Order order, List<String> tags, String chosen) {
        assertEquals(chosen, choose(new Policy.Alphabetical(order), null, tags).tag());
    }

    static Stream<Arguments> numerical() {
        List<String> timestamps = List.of("1606234201", "1606364286", "1606334092", "1606334284", "1606334201");
        return Stream.of(
                arguments("With unordered list of integers ascending", Order.ASC,
                        List.of("-62", "-88", "73", "72", "15", "16", "15", "29", "-33", "-91"), "73"),
                arguments("With unordered list of integers descending", Order.DESC,
                        List.of("5", "-8", "-78", "25", "70", "-4", "80", "92", "-20", "-24"), "-78"),
                arguments("With unordered list of floats ascending", Order.ASC, List.of("47.40896403322944",
                        "-27.8520927455902", "-27.930666514224427", "-31.352485948094568", "-50.41072694704882",
                        "-21.962849842263736", "24.71884721436865", "-39.99177354004344", "53.47333823144817",
                        "3.2008658570411086"), "53.47333823144817"),
                arguments("With unordered list of floats descending", Order.DESC, List.of("-65.27202780220686",
                        "57.82948329142309", "22.40184684363291", "-86.36934305697784", "-90.29082099756083",
                        "-12.041712603564264", "77.70488240399305", "-38.98425003883552", "16.06867070412028",
                        "53.735674335181216"), "-90.29082099756083"),
                arguments("With Unix Timestamps ascending", Order.ASC, timestamps, "1606364286"),
                arguments("With Unix Timestamps descending", Order.DESC, timestamps, "1606234201"),
                arguments("With single value ascending", Order.ASC, List.of("1"), "1"),
                arguments("With single value descending", Order.DESC, List.of("1"), "1"),
                arguments("With invalid numerical value", Order.ASC, List.of("0", "1a", "b"), null),
                arguments("Empty version list", Order.ASC, List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void numerical(String label, Order order, List<String> tags, String chosen) {
        List<String> reversed = new ArrayList<>(tags);
        Collections.reverse(reversed);
        for (List<String> listed : List.of(tags, reversed)) {
            assertEquals(chosen, choose(new Policy.Numerical(order), null, listed).tag(), listed.toString());
        }
    }

    static Stream<Arguments> regexFilter() {
        List<String> versions = List.of("ver1", "ver2", "ver3", "rel1");
        List<String> builds = List.of("123-123.123.abcd123-debug", "123-123.123.abcd123", "123-123.123.abcd456-debug",
                "123-123.123.abcd456");
        return Stream.of(
                arguments("none", List.of("a"), "", "", List.of("a")),
                arguments("valid pattern", versions, "^ver", null, List.of("ver1", "ver2", "ver3")),
                arguments("valid pattern with capture group", versions, "ver(\\d+)", "$1", List.of("1", "2", "3")),
                arguments("valid pattern (complex regex 1)", builds, "^(123-[0-9]+\\.[0-9]+\\.[a-z0-9]+-debug)", null,
                        List.of("123-123.123.abcd123-debug", "123-123.123.abcd456-debug")),
                arguments("valid pattern with capture group (complex regex 2)", builds,
                        "^(?P<tag>123-[0-9]+\\.[0-9]+\\.[a-z0-9]+[^-debug])", "$tag",
                        List.of("123-123.123.abcd123", "123-123.123.abcd456")),
                arguments("valid pattern with capture group (complex regex 3)", builds,
                        "^(?P<tag>123-[0-9]+\\.[0-9]+\\.[a-z0-9]+$)", "$tag",
                        List.of("123-123.123.abcd123", "123-123.123.abcd456")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void regexFilter(String label, List<String> tags, String pattern, String extract, List<String> kept) {
        List<String> values = new ArrayList<>(KeptTags.of(new TagFilter(GoRegex.parse(pattern), extract), tags)
                .values());
        Collections.sort(values);
        assertEquals(kept, values);
    }

    @Test
    void theTagReportedIsTheTagAsListedNotTheValueRanked() {
        TagFilter version = new TagFilter(GoRegex.parse("^(?P<version>[0-9.]+)-linux$"), "${version}");
        List<String> tags = List.of("1.2.3-linux", "1.2.4-windows", "1.2.4-linux", "1.3.0-linux", "latest");
        assertEquals(TagChoice.of("1.2.4-linux"),
                choose(new Policy.SemVer(VersionConstraint.parse("1.2.x")), version, tags));

        TagFilter timestamp = new TagFilter(GoRegex.parse("^RELEASE\\.(?P<timestamp>.*)Z$"), "$timestamp");
        assertEquals(TagChoice.of("RELEASE.2024-01-28T22-35-53Z"), choose(new Policy.Alphabetical(Order.ASC),
                timestamp, List.of("RELEASE.2023-12-01T10-00-00Z", "RELEASE.2024-01-28T22-35-53Z", "latest")));

        TagFilter build = new TagFilter(GoRegex.parse("^main-[a-f0-9]+-(?P<ts>[0-9]+)"), "$ts");
        assertEquals(TagChoice.of("main-9ab3f1c-1606364286"), choose(new Policy.Numerical(Order.ASC), build,
                List.of("main-7f2d1e0-1606234201", "main-9ab3f1c-1606364286", "v1.0.0", "main-0c1d2e3-1606334092")));
    }

    @Test
    void whyNoTagIsChosenSaysWhatWasLookedAt() {
        Policy range = new Policy.SemVer(VersionConstraint.parse("1.2.x"));
        assertEquals(TagChoice.none("there are no tags to choose from"), choose(range, null, List.of()));
        assertEquals(TagChoice.none("none of the 3 tags is a version in semver range '1.2.x' (the newest version"
                + " among them is tag '1.3.0')"), choose(range, null, List.of("1.1.9", "1.3.0", "latest")));
        assertEquals(TagChoice.none("none of the 2 tags is a version in semver range '1.2.x' (none is a version"
                + " MAJOR.MINOR.PATCH)"), choose(range, null, List.of("v1.2", "latest")));
        assertEquals(TagChoice.none("none of the 1 tag spec.filterTags keeps is a version in semver range '1.2.x'"
                + " (the newest version among them is tag 'v1.2.3-rc.1' (ranked as '1.2.3-rc.1'))"),
                choose(range, new TagFilter(GoRegex.parse("^v(.*)"), "$1"), List.of("v1.2.3-rc.1", "latest")));
        assertEquals(TagChoice.none("none of the 2 tags matches spec.filterTags.pattern '^main-'"),
                choose(range, new TagFilter(GoRegex.parse("^main-"), null), List.of("1.2.0", "latest")));

        TagChoice notNumber = choose(new Policy.Numerical(Order.ASC), new TagFilter(GoRegex.parse("-(.*)$"), "$1"),
                List.of("build-12", "build-latest"));
        assertFalse(notNumber.chosen());
        assertEquals("tag 'build-latest' (ranked as 'latest') is not a number, and spec.policy.numerical ranks"
                + " numbers only (spec.filterTags can keep only numbered tags)", notNumber.reason());
    }

    @Test
    void amongEqualsFluxsLoopsDecide() {
        Policy any = new Policy.SemVer(VersionConstraint.parse(">=1.0.0"));
        assertEquals("v1.0.0", choose(any, null, List.of("v1.0.0", "1.0.0", "1.0.0+build.2")).tag());
        assertEquals("1.0", choose(new Policy.Numerical(Order.ASC), null, List.of("1", "1.0", "0.5")).tag());
        TagFilter prefix = new TagFilter(GoRegex.parse("^(?:a|b)-(.*)"), "$1");
        assertEquals("b-1.0.0", choose(any, prefix, List.of("a-1.0.0", "b-1.0.0")).tag(),
                "two tags with the same value: the later one, as Flux's map keeps it");
    }

    private static TagChoice choose(Policy policy, TagFilter filter, List<String> tags) {
        return TagChooser.choose(new ImagePolicy.Spec(new NamespacedReference("app", "flux-system"), policy, filter,
                DigestReflectionPolicy.Never, null, false), tags);
    }
}
