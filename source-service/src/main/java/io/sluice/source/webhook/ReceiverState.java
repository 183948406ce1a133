package io.sluice.source.webhook;

import io.sluice.access.secrets.Secret;
import java.nio.charset.StandardCharsets;

/**
 * A Receiver with its token resolved from the secrets directory: ready with its webhook digest, or
 * not ready with the reason. {@link #toString()} shows neither the token nor the digest.
 */
record ReceiverState(WebhookReceiver receiver, HookType type, Secret secret, String digest, boolean ready, String message) {
    static final String TOKEN_KEY = "token";

    static ReceiverState notReady(WebhookReceiver receiver, HookType type, String message) {
        return new ReceiverState(receiver, type, null, null, false, message);
    }

    /** The token the sender signs with, taken from the secret only when a request is checked. */
    byte[] token() {
        return secret.require(TOKEN_KEY).getBytes(StandardCharsets.UTF_8);
    }

    boolean suspended() {
        return receiver.spec() != null && receiver.spec().suspend();
    }

    @Override
    public String toString() {
        return receiver.display() + (ready ? " (ready)" : " (not ready: " + message + ")");
    }
}
