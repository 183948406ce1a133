package io.sluice.source.webhook;

/**
 * One Receiver as {@code GET /api/receivers} (and {@code sluice get receivers}) shows it: where its
 * sender must post (path and full URL, null while not ready) and whether it is ready.
 */
public record ReceiverStatus(String namespace, String name, String type, String webhookPath, String url,
        boolean ready, boolean suspended, String message) {
}
