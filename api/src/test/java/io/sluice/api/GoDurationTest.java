package io.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
    @ParameterizedTest
    @CsvSource({"30s, PT30S", "1m, PT1M", "1h30m, PT1H30M", "1.5h, PT1H30M", "500ms, PT0.5S", "24h, PT24H",
        "2m30s, PT2M30S", "0, PT0S"})
    void parsesWhatFluxIntervalsUse(String text, String expected) {
        assertEquals(Duration.parse(expected), GoDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10x", "m", "1m5", "-1m", "1 m", "5d", "PT5M"})
    void refusesAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"PT1H30M, 1h30m", "PT1S, 1s", "PT0.5S, 500ms", "PT24H, 24h", "PT0S, 0s"})
    void formatsTheWayPeopleWriteThem(String duration, String expected) {
        assertEquals(expected, GoDuration.format(Duration.parse(duration)));
    }
}
