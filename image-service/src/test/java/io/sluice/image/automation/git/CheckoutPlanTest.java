package io.sluice.image.automation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.api.Metadata;
import io.sluice.api.image.GitUpdate;
import io.sluice.api.source.GitRepository;
import io.sluice.api.source.GitRepositoryRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which ref is checked out and which branch is pushed to. The cases are those of Flux's
 * {@code Test_buildGitConfig} (fluxcd/image-automation-controller, internal/source/git_test.go, at
 * d36e2ea), plus its rule that a checkout without a branch needs a push branch
 * ({@code configurePush}).
 */
class CheckoutPlanTest {

    @Test
    void sameBranchFromTheAutomationsCheckoutRef() {
        CheckoutPlan plan = CheckoutPlan.of(repository(GitRepositoryRef.DEFAULT), update(checkout("aaa"), null));
        assertEquals(new CheckoutPlan(GitRepositoryRef.branch("aaa"), "aaa", false), plan);
    }

    @Test
    void differentBranchFromTheAutomationsCheckoutRef() {
        CheckoutPlan plan = CheckoutPlan.of(repository(GitRepositoryRef.DEFAULT), update(checkout("aaa"), "bbb"));
        assertEquals(new CheckoutPlan(GitRepositoryRef.branch("aaa"), "bbb", true), plan);
    }

    @Test
    void sameBranchFromTheGitRepositorysRef() {
        CheckoutPlan plan = CheckoutPlan.of(repository(GitRepositoryRef.branch("ccc")), update(null, null));
        assertEquals(new CheckoutPlan(GitRepositoryRef.branch("ccc"), "ccc", false), plan);
    }

    @Test
    void differentBranchFromTheGitRepositorysRef() {
        CheckoutPlan plan = CheckoutPlan.of(repository(GitRepositoryRef.branch("ccc")), update(null, "ddd"));
        assertEquals(new CheckoutPlan(GitRepositoryRef.branch("ccc"), "ddd", true), plan);
    }

    @Test
    void noRefWrittenChecksOutTheDefaultBranch() {
        // Sluice's GitRepository reader gives the default branch (master, as Flux) when spec.ref is not written
        CheckoutPlan plan = CheckoutPlan.of(repository(GitRepositoryRef.DEFAULT), update(null, "aaa"));
        assertEquals(new CheckoutPlan(GitRepositoryRef.branch("master"), "aaa", true), plan);
    }

    @Test
    void theAutomationsCheckoutRefOverridesTheGitRepositorys() {
        CheckoutPlan plan = CheckoutPlan.of(repository(GitRepositoryRef.branch("ccc")), update(checkout("aaa"), "bbb"));
        assertEquals(new CheckoutPlan(GitRepositoryRef.branch("aaa"), "bbb", true), plan);
    }

    @Test
    void aTagCheckoutPushesOnlyToANamedBranch() {
        GitRepository tagged = repository(new GitRepositoryRef(null, "v1.0.0", null, null, null));
        assertEquals("main2", CheckoutPlan.of(tagged, update(null, "main2")).pushBranch());
        GitUpdateException missing = assertThrows(GitUpdateException.class,
                () -> CheckoutPlan.of(tagged, update(null, null)));
        assertEquals("spec.git.push.branch is required: the checkout (tag 'v1.0.0') names no branch to push back to",
                missing.getMessage());
    }

    @Test
    void theCheckoutRefFollowsGitRepositorysPrecedence() {
        GitUpdate.Checkout all = new GitUpdate.Checkout("main", "v1", "1.x", "refs/pull/1/head",
                "0123456789012345678901234567890123456789");
        CheckoutPlan plan = CheckoutPlan.of(repository(GitRepositoryRef.DEFAULT), update(all, null));
        assertEquals(new GitRepositoryRef("main", null, null, null, "0123456789012345678901234567890123456789"),
                plan.checkout());
        assertEquals("main", plan.pushBranch(), "a commit's branch is where it is pushed back to");
    }

    @Test
    void aTemplatedPushBranchIsWorkedOnFromTheCheckoutAndNamedOnceTheChangeIsKnown() {
        String template = "image-updates/{{ range .Changed.Changes }}{{ .NewValue }}{{ end }}";
        assertEquals(new CheckoutPlan(GitRepositoryRef.branch("main"), "main", false),
                CheckoutPlan.of(repository(GitRepositoryRef.DEFAULT), update(checkout("main"), template)));
        GitRepository tagged = repository(new GitRepositoryRef(null, "v1.0.0", null, null, null));
        assertEquals(new CheckoutPlan(new GitRepositoryRef(null, "v1.0.0", null, null, null), "sluice-image-update",
                false), CheckoutPlan.of(tagged, update(null, template)), "a tag checkout needs no push branch then");
    }

    static GitRepository repository(GitRepositoryRef ref) {
        return new GitRepository(new Metadata("source.toolkit.fluxcd.io/v1", "GitRepository", "repo", "apps",
                Map.of(), Map.of(), List.of()), new GitRepository.Spec("https://example.com/repo.git", ref,
                Duration.ofMinutes(1), Duration.ofSeconds(60), false, null, null));
    }

    private static GitUpdate.Checkout checkout(String branch) {
        return new GitUpdate.Checkout(branch, null, null, null, null);
    }

    private static GitUpdate update(GitUpdate.Checkout checkout, String pushBranch) {
        return new GitUpdate(checkout, new GitUpdate.Commit(new GitUpdate.Author("Fluxbot", "flux@example.com"),
                null, null, Map.of()), pushBranch == null ? null : new GitUpdate.Push(pushBranch, null, Map.of()));
    }
}
