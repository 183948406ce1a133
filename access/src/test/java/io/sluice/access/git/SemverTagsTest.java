package io.sluice.access.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SemverTagsTest {
    private static final Map<String, String> REFS = Stream.of("refs/tags/v1.0.0", "refs/tags/v1.2", "refs/tags/1.2.5",
            "refs/tags/v1.3.0-rc.1", "refs/tags/v2.0.0", "refs/tags/latest", "refs/heads/v9.9.9")
            .collect(Collectors.toMap(Function.identity(), ref -> "sha"));

    @Test
    void picksTheHighestTagInTheRange() {
        assertEquals(Optional.of("refs/tags/1.2.5"), SemverTags.highest(">=1.0.0 <2.0.0", REFS));
        assertEquals(Optional.of("refs/tags/1.2.5"), SemverTags.highest("1.2.x", REFS));
        assertEquals(Optional.of("refs/tags/1.2.5"), SemverTags.highest("~1.2", REFS));
        assertEquals(Optional.of("refs/tags/v1.0.0"), SemverTags.highest("~1.0", REFS));
        assertEquals(Optional.of("refs/tags/v2.0.0"), SemverTags.highest("*", REFS), "branches are not tags");
    }

    @Test
    void readsTagsLenientlyAndKeepsPreReleasesOutUnlessNamed() {
        assertEquals(Optional.of("refs/tags/v1.2"), SemverTags.highest("<1.2.1", REFS), "v1.2 is 1.2.0");
        assertEquals(Optional.of("refs/tags/v1.3.0-rc.1"), SemverTags.highest(">=1.3.0-rc.0 <2.0.0", REFS));
        assertEquals(Optional.empty(), SemverTags.highest(">1.2.5 <2.0.0", REFS));
        assertEquals(Optional.empty(), SemverTags.highest("3.x", REFS));
    }
}
