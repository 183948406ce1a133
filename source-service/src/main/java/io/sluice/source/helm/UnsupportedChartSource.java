package io.sluice.source.helm;

/** A chart that Sluice cannot fetch yet (from a GitRepository, an OCI registry, ...); the message names the field. */
class UnsupportedChartSource extends RuntimeException {
    UnsupportedChartSource(String message) {
        super(message);
    }
}
