package io.sluice.access.secrets;

/** A secretRef that names a secret or key that does not exist; the message names them, never a value. */
public class SecretNotFoundException extends RuntimeException {
    public SecretNotFoundException(String message) {
        super(message);
    }
}
