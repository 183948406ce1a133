package io.sluice.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;

/** Git tag ranges and chart version constraints are read one way, Masterminds' (Flux's and Helm's). */
class SemverRangeTest {
    private static final List<Semver> VERSIONS = List.of(Semver.parse("0.9.0"), Semver.parse("1.0.0"),
            Semver.parse("1.3.0"), Semver.parse("1.4.0-rc.1"), Semver.parse("2.0.0"));

    @Test
    void theCommaFormIsAnAndForBothReadings() {
        for (String range : List.of(">= 1.0.0, < 2.0.0", ">=1.0.0, <2.0.0", ">=1.0.0,<2.0.0", ">=1.0.0 <2.0.0")) {
            RangeList tags = SemverRange.parse(range);
            assertFalse(tags.isSatisfiedBy(Semver.parse("0.9.0")), range + " has a lower bound");
            assertTrue(tags.isSatisfiedBy(Semver.parse("1.3.0")), range);
            assertFalse(tags.isSatisfiedBy(Semver.parse("2.0.0")), range);
            assertEquals(Optional.of(Semver.parse("1.3.0")), ChartVersionRange.parse(range).newest(VERSIONS,
                    Function.identity()), range);
        }
        assertTrue(SemverRange.parse(">= 1.0.0, < 1.1.0 || >= 2.0.0").isSatisfiedBy(Semver.parse("2.1.0")));
    }

    @Test
    void preReleasesCountOnlyWhenTheRangeNamesOne() {
        assertFalse(SemverRange.parse(">=1.0.0").isSatisfiedBy(Semver.parse("1.4.0-rc.1")));
        assertTrue(SemverRange.parse(">=1.0.0-0 <2.0.0").isSatisfiedBy(Semver.parse("1.4.0-rc.1")));
        assertEquals(Optional.of(Semver.parse("1.4.0-rc.1")), ChartVersionRange.parse(">=1.2.0-0 <2.0.0")
                .newest(VERSIONS, Function.identity()));
    }

    @Test
    void whatMastermindsRefusesIsNotARange() {
        for (String text : List.of(">=", "1.x.y", "latest", "not a range", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemverRange.parse(text));
            assertEquals("'" + text + "' is not a semver range (e.g. '>=1.0.0 <2.0.0', '1.2.x', '~1.2')",
                    e.getMessage());
        }
        assertEquals("'latest' is not a version or semver range (e.g. '1.2.3', '4.8.x', '>=1.0.0 <2.0.0')",
                assertThrows(IllegalArgumentException.class, () -> ChartVersionRange.parse("latest")).getMessage());
        assertEquals("*", ChartVersionRange.parse(" ").toString(), "no constraint: any version");
    }
}
