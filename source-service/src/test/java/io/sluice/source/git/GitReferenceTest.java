package io.sluice.source.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.source.GitRepositoryRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How what a source follows is resolved and named; its reading (Flux's precedence) is api's GitRepositoryTest. */
class GitReferenceTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void revisionsAreFluxs() {
        assertEquals("main@sha1:" + SHA, flux(GitRepositoryRef.branch("main")).revision("refs/heads/main", SHA));
        assertEquals("v1.2.0@sha1:" + SHA, flux(new GitRepositoryRef(null, null, "1.x", null, null))
                .revision("refs/tags/v1.2.0", SHA));
        assertEquals("refs/pull/1/head@sha1:" + SHA, flux(new GitRepositoryRef(null, null, null, "refs/pull/1/head",
                null)).revision("refs/pull/1/head", SHA));
        assertEquals("sha1:" + SHA, flux(new GitRepositoryRef(null, null, null, null, SHA)).revision(null, SHA));
        assertEquals("dev@sha1:" + SHA, flux(new GitRepositoryRef("dev", null, null, null, SHA)).revision(null, SHA));
        assertEquals("release@sha1:" + SHA, ArgoTargetRevision.reference("release").revision("refs/heads/release", SHA));
    }

    @Test
    void eachFollowsTheOneRemoteRefItNamesOrNone() {
        assertEquals("refs/heads/master", flux(GitRepositoryRef.DEFAULT).fixedRemoteRef());
        assertEquals("refs/tags/v1", flux(new GitRepositoryRef(null, "v1", null, null, null)).fixedRemoteRef());
        assertEquals("refs/pull/1/head", flux(new GitRepositoryRef(null, null, null, "refs/pull/1/head", null))
                .fixedRemoteRef());
        assertEquals(null, flux(new GitRepositoryRef(null, null, "1.x", null, null)).fixedRemoteRef());
        assertEquals(null, flux(new GitRepositoryRef("main", null, null, null, SHA)).fixedRemoteRef());
        assertEquals(null, ArgoTargetRevision.reference("main").fixedRemoteRef(), "a name is looked up at each poll");
    }

    @Test
    void aPushMovesWhatFollowsOneOfItsRefs() {
        List<String> pushed = List.of("refs/heads/main", "refs/tags/v2.0.0");
        assertTrue(flux(GitRepositoryRef.branch("main")).movedBy(pushed));
        assertFalse(flux(GitRepositoryRef.DEFAULT).movedBy(pushed), "master, as in Flux");
        assertTrue(flux(new GitRepositoryRef(null, null, ">=1.0.0", null, null)).movedBy(pushed));
        assertFalse(flux(new GitRepositoryRef("main", null, null, null, SHA)).movedBy(pushed), "a commit never moves");
        assertTrue(ArgoTargetRevision.reference("HEAD").movedBy(List.of("refs/heads/feature")));
        assertTrue(ArgoTargetRevision.reference("v2.0.0").movedBy(pushed));
        assertFalse(ArgoTargetRevision.reference("release").movedBy(pushed));
    }

    @Test
    void messagesSayWhatIsFollowed() {
        assertEquals("branch 'main'", flux(GitRepositoryRef.branch("main")).describe());
        assertEquals("commit '" + SHA + "' on branch 'dev'", flux(new GitRepositoryRef("dev", null, null, null, SHA))
                .describe());
        assertEquals("semver range '1.x'", flux(new GitRepositoryRef(null, null, "1.x", null, null)).describe());
        assertEquals("targetRevision 'main'", ArgoTargetRevision.reference("main").describe());
    }

    private static GitReference flux(GitRepositoryRef ref) {
        return GitReference.of(ref);
    }
}
