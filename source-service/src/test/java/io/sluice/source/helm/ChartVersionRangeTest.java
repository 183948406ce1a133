package io.sluice.source.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.source.ChartVersionRange;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChartVersionRangeTest {
    private static final List<ChartVersion> VERSIONS = Stream.of("1.0.0", "1.2.0", "1.2.3", "1.2.10-rc.1", "v1.2.9",
            "1.3.0", "2.0.0-beta.1", "2.0.0", "4.8.1", "4.8.3", "4.9.0").map(ChartVersionRangeTest::version).toList();

    @Test
    void picksTheNewestStableVersionInTheRange() {
        assertEquals("1.2.9", newest("1.2.x"), "v1.2.9 is a version; 1.2.10-rc.1 a pre-release");
        assertEquals("4.8.3", newest("4.8.x"));
        assertEquals("1.3.0", newest(">=1.0.0 <2.0.0"));
        assertEquals("1.3.0", newest(">= 1.0.0, < 2.0.0"), "Helm's comma form");
        assertEquals("1.2.9", newest("~1.2"));
        assertEquals("1.3.0", newest("^1.0.0"));
        assertEquals("1.2.3", newest("1.2.3"));
        assertEquals("4.9.0", newest(null));
        assertEquals("4.9.0", newest(""));
        assertEquals("4.9.0", newest("*"));
        assertEquals("4.8.3", newest("4.8.1 || 4.8.3"));
    }

    @Test
    void preReleasesCountOnlyWhenTheRangeNamesOne() {
        assertEquals("1.2.10-rc.1", newest(">=1.2.0-0 <1.3.0"));
        assertEquals("2.0.0-beta.1", newest("2.0.0-beta.1"));
        assertEquals("1.3.0", newest("1.0.0 - 2.0.0-alpha"), "a hyphen range with a pre-release upper bound");
    }

    @Test
    void saysWhenNothingMatchesOrTheRangeIsNotOne() {
        assertTrue(ChartVersionRange.parse("9.x").newest(VERSIONS, ChartVersion::semver).isEmpty());
        var error = assertThrows(IllegalArgumentException.class, () -> ChartVersionRange.parse("latest-and-greatest"));
        assertTrue(error.getMessage().startsWith("'latest-and-greatest' is not a version or semver range"),
                error.getMessage());
        assertEquals("4.9.0", ChartVersionRange.newestOfAll(VERSIONS, ChartVersion::semver).orElseThrow().version());
    }

    private static String newest(String range) {
        return ChartVersionRange.parse(range).newest(VERSIONS, ChartVersion::semver).map(v -> HelmIndex.semver(v.version()).getVersion())
                .orElse(null);
    }

    private static ChartVersion version(String version) {
        return new ChartVersion("web", version, HelmIndex.semver(version), List.of("web-" + version + ".tgz"), null);
    }
}
