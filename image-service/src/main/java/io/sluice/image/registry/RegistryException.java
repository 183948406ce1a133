package io.sluice.image.registry;

/** A registry call that failed; the message names the repository or URL and the cause, never a secret. */
public class RegistryException extends Exception {
    public RegistryException(String message) {
        super(message);
    }
}
