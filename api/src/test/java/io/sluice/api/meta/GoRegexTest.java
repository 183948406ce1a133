package io.sluice.api.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class GoRegexTest {

    @Test
    void namedGroupsInGosSyntaxAreNumberedAsGoNumbersThem() {
        GoRegex regex = GoRegex.parse("^(\\d+)\\.(?P<minor>\\d+)-(?<build_id>\\d+)$");
        assertEquals(Map.of("minor", 2, "build_id", 3), regex.namedGroups());
        Matcher matcher = regex.pattern().matcher("1.22-333");
        assertTrue(matcher.matches());
        assertEquals("333", matcher.group(regex.namedGroups().get("build_id")));
        assertEquals(List.of(), regex.unknownGroups("$1.${minor}-$build_id $$ $0"));
        assertEquals(List.of("4", "major"), regex.unknownGroups("$4-$major"));
    }

    /** The expected values are what Go 1.26's regexp.ExpandString gives for the same expression, tag and templates. */
    @Test
    void expandFillsTemplatesAsGoDoes() {
        GoRegex regex = GoRegex.parse("^v(\\d+)\\.(?P<minor>\\d+)(?:-(?P<pre>[a-z]+))?(x)?$");
        Matcher match = regex.pattern().matcher("v1.22-rc");
        assertTrue(match.matches());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("$1", "1");
        expected.put("${1}", "1");
        expected.put("$minor", "22");
        expected.put("${minor}.$1", "22.1");
        expected.put("$1x", "");
        expected.put("${1}x", "1x");
        expected.put("$$1", "$1");
        expected.put("$", "$");
        expected.put("a$", "a$");
        expected.put("$-", "$-");
        expected.put("${minor", "${minor");
        expected.put("${}", "${}");
        expected.put("$pre-$4-$5-$0", "rc---v1.22-rc");
        expected.put("$01", "");
        expected.put("$nope|", "|");
        expected.put("$minor$pre", "22rc");
        expected.put("${1}0", "10");
        expected.put("$1_", "");
        expected.put("\u00e9$minor\u00fc", "\u00e9");
        expected.forEach((template, value) -> assertEquals(value, regex.expand(template, match), template));
    }

    @Test
    void classesMeanWhatTheyMeanInGo() {
        GoRegex posix = GoRegex.parse("^[[:alpha:]][[:^digit:]]$");
        assertTrue(posix.pattern().matcher("ab").matches());
        assertFalse(posix.pattern().matcher("a1").matches());
        // '[' and '&&' are plain characters in a Go class, not a nested class or an intersection.
        GoRegex plain = GoRegex.parse("^[a[&&b]+$");
        assertTrue(plain.pattern().matcher("a[&b").matches());
        assertTrue(GoRegex.parse("[]a]").pattern().matcher("]").matches());
    }

    @Test
    void whatGoDoesNotHaveIsRefused() {
        assertEquals("lookaround and atomic groups are not in Go's regular expressions",
                assertThrows(IllegalArgumentException.class, () -> GoRegex.parse("^v(?!0)\\d+")).getMessage());
        assertEquals("backreferences are not in Go's regular expressions",
                assertThrows(IllegalArgumentException.class, () -> GoRegex.parse("(a)\\1")).getMessage());
        assertEquals("unclosed group",
                assertThrows(IllegalArgumentException.class, () -> GoRegex.parse("(a")).getMessage());
        assertEquals("duplicate capture group name v",
                assertThrows(IllegalArgumentException.class, () -> GoRegex.parse("(?P<v>a)(?P<v>b)")).getMessage());
    }
}
