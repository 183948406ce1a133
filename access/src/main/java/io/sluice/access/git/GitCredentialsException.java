package io.sluice.access.git;

/** A secretRef whose data cannot be used to reach the remote; the message names the secret and key, never a value. */
public class GitCredentialsException extends RuntimeException {
    GitCredentialsException(String message) {
        super(message);
    }
}
