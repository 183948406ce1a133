package io.sluice.source.git;

/** A Git operation on a remote failed; the message names the URL (without credentials) and the cause. */
public class GitOperationException extends RuntimeException {
    GitOperationException(String message) {
        super(message);
    }
}
