package io.sluice.cli.get;

import java.time.Instant;

/** One line of {@code sluice get sources}: what source-service's /api/sources says of a source. */
public record SourceRow(String kind, String namespace, String name, String url, String revision, Instant lastPoll,
        boolean ready, String message) {
}
