package io.sluice.events;

/**
 * Where a bundle too large for a Kafka record is fetched from: render-service serves its objects
 * (the JSON list, Secrets still sealed) at {@code url}; {@code sha256} ("sha256:<hex>" of exactly
 * the bytes served) lets the reader refuse anything else.
 */
public record ClaimCheck(String url, String sha256, long size, int objectCount) {
}
