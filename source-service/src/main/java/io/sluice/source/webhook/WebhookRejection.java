package io.sluice.source.webhook;

/** A webhook request that stops here, with the outcome to answer and a message for the sender. */
class WebhookRejection extends Exception {
    private final WebhookOutcome outcome;

    WebhookRejection(WebhookOutcome outcome, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
    }

    WebhookOutcome outcome() {
        return outcome;
    }
}
