package io.sluice.source.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.source.config.InvalidFieldException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitReferenceTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void fluxPrecedenceCommitNameSemverTagBranch() {
        Map<String, Object> all = Map.of("branch", "main", "tag", "v1", "semver", "1.x", "name", "refs/pull/1/head",
                "commit", SHA);
        assertEquals(new GitReference("main", null, null, null, SHA), parse(all));
        assertEquals(new GitReference(null, null, null, "refs/pull/1/head", null), parse(without(all, "commit")));
        assertEquals(new GitReference(null, null, "1.x", null, null), parse(without(all, "commit", "name")));
        assertEquals(new GitReference(null, "v1", null, null, null), parse(without(all, "commit", "name", "semver")));
        assertEquals(new GitReference("main", null, null, null, null), parse(Map.of("branch", "main")));
        assertEquals(new GitReference("master", null, null, null, null), parse(Map.of()), "Flux's default branch");
    }

    @Test
    void revisionsAreFluxs() {
        assertEquals("main@sha1:" + SHA, parse(Map.of("branch", "main")).revision("refs/heads/main", SHA));
        assertEquals("v1.2.0@sha1:" + SHA, parse(Map.of("semver", "1.x")).revision("refs/tags/v1.2.0", SHA));
        assertEquals("refs/pull/1/head@sha1:" + SHA, parse(Map.of("name", "refs/pull/1/head")).revision("refs/pull/1/head", SHA));
        assertEquals("sha1:" + SHA, parse(Map.of("commit", SHA)).revision(null, SHA));
        assertEquals("dev@sha1:" + SHA, parse(Map.of("commit", SHA, "branch", "dev")).revision(null, SHA));
    }

    @Test
    void badValuesNameTheirField() {
        assertTrue(message(Map.of("commit", "abc")).startsWith("spec.ref.commit "));
        assertTrue(message(Map.of("name", "main")).startsWith("spec.ref.name "));
        assertTrue(message(Map.of("name", "refs/heads/a..b")).startsWith("spec.ref.name "));
        assertTrue(message(Map.of("semver", "not a range")).startsWith("spec.ref.semver 'not a range' is not a semver range"));
    }

    private static GitReference parse(Map<String, Object> ref) {
        return GitReference.parse(Map.of("spec", Map.of("ref", ref)));
    }

    private static String message(Map<String, Object> ref) {
        return assertThrows(InvalidFieldException.class, () -> parse(ref)).getMessage();
    }

    private static Map<String, Object> without(Map<String, Object> map, String... keys) {
        Map<String, Object> copy = new HashMap<>(map);
        for (String key : keys) {
            copy.remove(key);
        }
        return copy;
    }
}
