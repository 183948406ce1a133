package io.sluice.source.git;

import java.time.Instant;

/** One source as {@code GET /api/sources} (and {@code sluice get sources}) shows it. */
public record SourceStatus(String kind, String namespace, String name, String url, String revision,
        Instant lastPoll, boolean ready, boolean suspended, String message) {
}
