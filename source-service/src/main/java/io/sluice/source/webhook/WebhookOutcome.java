package io.sluice.source.webhook;

import java.util.Locale;

/** How a webhook request ended: its HTTP status and its {@code outcome} tag on sluice_source_webhooks_total. */
public enum WebhookOutcome {
    /** Authentic and about something Sluice follows: reconcile-now commands were published. */
    ACCEPTED(202),
    /** Authentic, but nothing to do (an event not in spec.events, a ping, a push no source follows). */
    IGNORED(200),
    /** Authentic, but its payload cannot be read. */
    BAD_REQUEST(400),
    /** A signature or token is missing or wrong, or no secret is configured to check it against. */
    UNAUTHORIZED(401),
    /** No ready Receiver has this webhook path. */
    NOT_FOUND(404),
    /** The body is larger than sluice.source.webhook.max-body. */
    TOO_LARGE(413),
    /** The service is still reading its configuration, or the Receiver is suspended. */
    UNAVAILABLE(503);

    private final int status;

    WebhookOutcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
