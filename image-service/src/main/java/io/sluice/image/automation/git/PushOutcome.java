package io.sluice.image.automation.git;

import io.sluice.access.git.GitAccess;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** What the remote said of one pushed ref, as an error when it did not take it. */
final class PushOutcome {

    /** Returns when {@code update} reached the remote; else a {@link PushRejectedException} saying why. */
    static void check(RemoteRefUpdate update, String displayUrl, String target, String commit, GitAccess access) {
        String reason = switch (update.getStatus()) {
            case OK, UP_TO_DATE -> null;
            case REJECTED_NONFASTFORWARD -> "non-fast-forward: " + update.getRemoteName()
                    + " moved on since the checkout; the next run starts again from it";
            case REJECTED_REMOTE_CHANGED -> update.getRemoteName() + " changed while pushing; the next run starts"
                    + " again from it";
            case REJECTED_OTHER_REASON -> "the server refused it" + (update.getMessage() == null ? ""
                    : ": " + access.scrub(update.getMessage()));
            case REJECTED_NODELETE -> "the server does not allow deleting " + update.getRemoteName();
            case NON_EXISTING -> update.getRemoteName() + " does not exist on the server";
            case NOT_ATTEMPTED, AWAITING_REPORT -> "the server did not report on " + update.getRemoteName();
        };
        if (reason != null) {
            throw new PushRejectedException(displayUrl + ": push of commit " + commit + " to " + target
                    + " rejected: " + reason);
        }
    }

    private PushOutcome() {
    }
}
