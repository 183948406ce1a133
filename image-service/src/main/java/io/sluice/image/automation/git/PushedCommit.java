package io.sluice.image.automation.git;

import java.util.List;

/**
 * A commit that reached the remote.
 *
 * @param commit its full sha
 * @param branch the branch it was pushed to
 * @param refspec the refspec it was also pushed with ({@code spec.git.push.refspec}); null: none
 * @param changedFiles the files it changed, relative to the repository's root, sorted
 */
public record PushedCommit(String commit, String branch, String refspec, List<String> changedFiles) {
}
