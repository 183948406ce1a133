package io.sluice.source.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;

/**
 * Answers webhook requests and counts every answer: sluice_source_webhooks_total{receiver,outcome},
 * and for accepted ones sluice_source_webhook_seconds{receiver}, from the request's arrival to its
 * commands stored on the broker.
 */
@ApplicationScoped
public class WebhookReplies {
    /** The receiver tag of requests for a path no Receiver has: one value, whatever was asked for. */
    static final String UNKNOWN_RECEIVER = "unknown";

    private final MeterRegistry registry;

    @Inject
    public WebhookReplies(MeterRegistry registry) {
        this.registry = registry;
    }

    Response answer(String receiver, long startNanos, WebhookOutcome outcome, String message, List<String> sources) {
        registry.counter("sluice.source.webhooks", "receiver", receiver, "outcome", outcome.tag()).increment();
        if (outcome == WebhookOutcome.ACCEPTED) {
            Timer.builder("sluice.source.webhook").description("Webhook requests, from arrival to commands published")
                    .tag("receiver", receiver).register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - startNanos));
        }
        return Response.status(outcome.status()).type(MediaType.APPLICATION_JSON)
                .entity(new WebhookReply(outcome.tag(), message, sources)).build();
    }

    Response reject(String receiver, long startNanos, WebhookRejection rejection) {
        return answer(receiver, startNanos, rejection.outcome(), rejection.getMessage(), List.of());
    }
}
