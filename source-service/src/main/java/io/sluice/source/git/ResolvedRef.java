package io.sluice.source.git;

import org.eclipse.jgit.lib.ObjectId;

/**
 * Where a GitRepository's ref points on the remote now: the remote ref it was found at (null for a
 * fixed commit, which needs no asking) and the object there (a commit, or an annotated tag).
 */
record ResolvedRef(String ref, ObjectId object) {
}
