package io.sluice.notification.provider;

import io.sluice.api.notification.Provider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts JSON to a Provider's address, as Flux's "generic" provider does, each attempt within the
 * Provider's spec.timeout. Connection failures, 429 and 5xx answers are retried 3 times with a
 * doubling wait; other answers are final. The address is never quoted in a failure: it may be a
 * credential (a Slack webhook URL is one).
 */
public final class GenericWebhook {
    private static final int RETRIES = 3;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Duration backoff;

    public GenericWebhook(Duration backoff) {
        this.backoff = backoff;
    }

    /** How a delivery ended: delivered, or the last failure; and after how many attempts. */
    public record Delivery(boolean delivered, int attempts, String failure) {
    }

    public Delivery post(Provider provider, String json, String component) throws InterruptedException {
        HttpRequest request;
        try {
            // The request's timeout covers connecting as well as waiting for the answer.
            request = HttpRequest.newBuilder(URI.create(provider.spec().address())).timeout(provider.spec().timeout())
                    .header("Content-Type", "application/json")
                    // Flux's generic provider names the reporting controller in this header.
                    .header("gotk-component", component == null ? "" : component)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        } catch (IllegalArgumentException e) {
            // Neither the address nor the exception's message (which quotes it) is said.
            return new Delivery(false, 0, "spec.address of Provider " + provider.ref().namespace() + "/"
                    + provider.ref().name() + " is not a valid http(s) URL (not quoted: it may hold a secret)");
        }
        String failure = null;
        Duration wait = backoff;
        for (int attempt = 1; attempt <= RETRIES + 1; attempt++) {
            if (attempt > 1) {
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 300) {
                    return new Delivery(true, attempt, null);
                }
                failure = "HTTP " + status;
                if (status != 429 && status < 500) {
                    return new Delivery(false, attempt, failure);
                }
            } catch (IOException e) {
                failure = "cannot connect: " + e;
            }
        }
        return new Delivery(false, RETRIES + 1, failure);
    }
}
