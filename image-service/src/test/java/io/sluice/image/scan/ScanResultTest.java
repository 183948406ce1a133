package io.sluice.image.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.api.meta.GoRegex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The latest tags and the exclusion of tags as Flux's image-reflector-controller computes them: the
 * cases of TestSortTagsAndGetLatestTags and TestFilterOutTags in
 * internal/controller/imagerepository_controller_test.go (fluxcd/image-reflector-controller, commit
 * debe2aa, after v1.2.0). Their "invalid pattern" case is refused when the ImageRepository is read
 * (api's ImageRepositoryTest).
 */
class ScanResultTest {

    @Test
    void latestTagsAreTheTenGreatestInReverseStringOrder() {
        assertEquals(List.of(), ScanResult.latestTags(List.of()));
        assertEquals(List.of("3.0.1", "1.2.5", "1.0.1", "1.0.0", "0.0.8"),
                ScanResult.latestTags(List.of("1.0.0", "0.0.8", "1.2.5", "3.0.1", "1.0.1")));
        assertEquals(List.of("5.1.1", "4.5.0", "4.1.0", "4.0.3", "3.0.1", "2.2.2", "1.2.5", "1.0.1", "1.0.0", "0.0.8"),
                ScanResult.latestTags(List.of("1.0.0", "0.0.8", "1.2.5", "3.0.1", "1.0.1", "5.1.1", "4.1.0", "4.5.0",
                        "4.0.3", "2.2.2")));
        assertEquals(List.of("5.1.1", "4.5.0", "4.1.0", "4.0.3", "3.0.1", "2.2.2", "1.2.5", "1.0.1", "1.0.0", "0.5.1"),
                ScanResult.latestTags(List.of("1.0.0", "0.0.8", "1.2.5", "3.0.1", "1.0.1", "5.1.1", "4.1.0", "4.5.0",
                        "4.0.3", "2.2.2", "0.5.1", "0.1.0")));
        assertEquals(List.of("73", "72", "15", "-88", "-62"),
                ScanResult.latestTags(List.of("-62", "-88", "73", "72", "15")));
        assertEquals(List.of("73", "72", "29", "16", "15", "15", "101", "100", "-91", "-88"),
                ScanResult.latestTags(List.of("-62", "-88", "73", "72", "15", "16", "15", "29", "-33", "-91", "100",
                        "101")));
        assertEquals(List.of("ccc", "bbb", "aaa"), ScanResult.latestTags(List.of("aaa", "bbb", "ccc")));
        assertEquals(List.of("lll", "kkk", "jjj", "iii", "hhh", "ggg", "fff", "eee", "ddd", "ccc"),
                ScanResult.latestTags(List.of("aaa", "bbb", "ccc", "ddd", "eee", "fff", "ggg", "hhh", "iii", "jjj",
                        "kkk", "lll")));
    }

    @Test
    void tagsAnExclusionMatchesAnywhereAreLeftOut() {
        List<String> abcd = List.of("a", "b", "c", "d");
        assertEquals(abcd, ImageScanner.counted(List.of(), abcd));
        assertEquals(List.of("d"), ImageScanner.counted(exclusions("[abc]"), abcd));
        assertEquals(List.of("b", "c"), ImageScanner.counted(exclusions("[a]", "[d]"), abcd));
        assertEquals(List.of("0.1.0", "0.2.0", "0.3.0", "0.4.0"), ImageScanner.counted(
                exclusions("^.*\\-alpha$", "^.*\\.sig$"),
                List.of("0.1.0", "0.2.0", "0.2.-alpha", "0.3.0", "0.4.0", "0.4.0.sig")));
        assertEquals(List.of("bbb", "ddd"), ImageScanner.counted(exclusions("aaa|ccc"),
                List.of("aaa", "bbb", "ccc", "ddd")));
    }

    private static List<GoRegex> exclusions(String... patterns) {
        return List.of(patterns).stream().map(GoRegex::parse).toList();
    }
}
