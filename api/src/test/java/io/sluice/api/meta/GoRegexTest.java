package io.sluice.api.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
