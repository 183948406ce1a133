package io.sluice.source.webhook;

/** A webhook request that stops here, with the outcome to answer and a message for the sender. */
class WebhookRejection extends Exception {
    private final Outcome outcome;

    WebhookRejection(Outcome outcome, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
    }

    Outcome outcome() {
        return outcome;
    }
}
