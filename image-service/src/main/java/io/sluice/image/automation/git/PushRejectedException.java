package io.sluice.image.automation.git;

/**
 * The remote refused the push (a non-fast-forward: the branch moved on since the checkout; or a
 * rule of the server). Nothing was lost: the next run fetches and starts again from the remote.
 */
public class PushRejectedException extends GitUpdateException {
    PushRejectedException(String message) {
        super(message);
    }
}
