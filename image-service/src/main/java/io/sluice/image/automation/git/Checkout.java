package io.sluice.image.automation.git;

import java.nio.file.Path;

/**
 * The work tree ready for edits.
 *
 * @param workTree the folder whose files the automation edits
 * @param commit the commit the work tree holds now (the remote push branch's, or the checkout's)
 * @param checkedOut the commit the checkout ref names on the remote
 * @param branch the branch a commit will be pushed to
 */
public record Checkout(Path workTree, String commit, String checkedOut, String branch) {
}
