package io.sluice.apply.cluster;

/** A destination no Secret describes, or one whose Secret cannot make a client; the message holds no secret value. */
public class UnknownClusterException extends RuntimeException {
    UnknownClusterException(String message) {
        super(message);
    }
}
