package io.sluice.apply.bundle;

/**
 * A bundle on the topic that cannot be read here: its claim check cannot be fetched (retryable: the
 * render-service may be restarting), or a Secret does not open (not retried: it needs a key or a new
 * render). Either way nothing is applied or pruned; the message names the application, never a value.
 */
public final class BundleUnavailableException extends Exception {
    private final String revision;
    private final boolean retryable;

    BundleUnavailableException(String message, String revision, boolean retryable) {
        super(message);
        this.revision = revision;
        this.retryable = retryable;
    }

    public String revision() {
        return revision;
    }

    public boolean retryable() {
        return retryable;
    }
}
