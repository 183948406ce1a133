package io.sluice.source.webhook;

import java.util.List;

/** What a webhook endpoint answers: the outcome, a message for the sender, and the sources asked to reconcile. */
public record WebhookReply(String outcome, String message, List<String> sources) {
}
