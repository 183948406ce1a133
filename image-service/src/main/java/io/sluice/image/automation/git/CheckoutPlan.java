package io.sluice.image.automation.git;

import io.sluice.api.image.GitUpdate;
import io.sluice.api.source.GitRepository;
import io.sluice.api.source.GitRepositoryRef;

/**
 * What an ImageUpdateAutomation checks out and where it pushes, by Flux's rules
 * (image-automation-controller {@code internal/source/git.go}, {@code buildGitConfig} and
 * {@code configurePush}): {@code spec.git.checkout.ref} wins over the GitRepository's ref; the push
 * branch is {@code spec.git.push.branch}, else the checked-out branch; a checkout of a tag, range,
 * reference name or commit without a branch needs {@code push.branch}.
 *
 * @param checkout what is checked out, after GitRepository's precedence (commit, name, semver, tag, branch)
 * @param pushBranch the branch commits are pushed to
 * @param switchBranch whether that is another branch than the one checked out: it then starts from
 *         the remote push branch when there is one, as Flux does, and else from the checkout
 */
public record CheckoutPlan(GitRepositoryRef checkout, String pushBranch, boolean switchBranch) {
    /** The local branch a change to a templated push branch is made on, when the checkout names no branch. */
    static final String TEMPLATED_WORK_BRANCH = "sluice-image-update";

    /**
     * Whether {@code spec.git.push.branch} is a Go template (Sluice's addition to Flux): one branch per
     * update, e.g. {@code image-updates/{{ range .Changed.Changes }}{{ .NewValue }}{{ end }}}, ready for a
     * pull request.
     */
    public static boolean isTemplate(String pushBranch) {
        return pushBranch != null && pushBranch.contains("{{");
    }

    /** The plan for {@code update} on {@code repository}; an error names the field to fix. */
    public static CheckoutPlan of(GitRepository repository, GitUpdate update) {
        GitRepositoryRef checkout = update.checkout() != null ? precedence(update.checkout())
                : repository.spec().ref();
        String pushBranch = update.push() == null ? null : update.push().branch();
        if (isTemplate(pushBranch)) {
            // The branch is named once the change is known (AutomationRun renders it): work starts from the checkout.
            return new CheckoutPlan(checkout, checkout.branch() == null || checkout.branch().isEmpty()
                    ? TEMPLATED_WORK_BRANCH : checkout.branch(), false);
        }
        if (pushBranch != null && !pushBranch.isEmpty()) {
            return new CheckoutPlan(checkout, pushBranch, !pushBranch.equals(checkout.branch()));
        }
        if (checkout.branch() == null || checkout.branch().isEmpty()) {
            throw new GitUpdateException("spec.git.push.branch is required: the checkout (" + describe(checkout)
                    + ") names no branch to push back to");
        }
        return new CheckoutPlan(checkout, checkout.branch(), false);
    }

    /** {@code spec.git.checkout.ref} as GitRepository reads its ref: only the field that wins counts. */
    private static GitRepositoryRef precedence(GitUpdate.Checkout ref) {
        if (ref.commit() != null) {
            return new GitRepositoryRef(ref.branch(), null, null, null, ref.commit());
        }
        if (ref.name() != null) {
            return new GitRepositoryRef(null, null, null, ref.name(), null);
        }
        if (ref.semver() != null) {
            return new GitRepositoryRef(null, null, ref.semver(), null, null);
        }
        if (ref.tag() != null) {
            return new GitRepositoryRef(null, ref.tag(), null, null, null);
        }
        return GitRepositoryRef.branch(ref.branch() == null ? GitRepositoryRef.DEFAULT_BRANCH : ref.branch());
    }

    /** How messages name a ref: "branch 'main'", "tag 'v1'", "semver range '1.x'", "ref '...'", "commit '...'". */
    static String describe(GitRepositoryRef ref) {
        if (ref.commit() != null) {
            return "commit '" + ref.commit() + "'";
        }
        if (ref.name() != null) {
            return "ref '" + ref.name() + "'";
        }
        if (ref.semver() != null) {
            return "semver range '" + ref.semver() + "'";
        }
        return ref.tag() != null ? "tag '" + ref.tag() + "'" : "branch '" + ref.branch() + "'";
    }
}
