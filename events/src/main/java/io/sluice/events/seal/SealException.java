package io.sluice.events.seal;

/** A sealed Secret that cannot be opened; the message names the application, the object and the key id. */
public final class SealException extends RuntimeException {
    SealException(String message) {
        super(message);
    }
}
