package io.sluice.api.helm;

import io.sluice.api.read.Node;

/** What is done about changes made in the cluster to a release's objects ({@code spec.driftDetection.mode}). */
public enum DriftDetectionMode implements WrittenAs {
    /** Changes are found and corrected. */
    ENABLED("enabled"),
    /** Changes are found and reported, not corrected. */
    WARN("warn"),
    /** Changes are not looked for (Flux's default). */
    DISABLED("disabled");

    private final String written;

    DriftDetectionMode(String written) {
        this.written = written;
    }

    @Override
    public String written() {
        return written;
    }

    /**
     * {@code spec.driftDetection}: its mode, {@link #DISABLED} when not written (Flux's GetMode). Its
     * {@code ignore} rules are not read yet: every change counts.
     */
    static DriftDetectionMode read(Node driftDetection) {
        driftDetection.unsupported("every change counts as drift", "ignore");
        return WrittenAs.read(driftDetection.get("mode"), DISABLED, values());
    }

    @Override
    public String toString() {
        return written;
    }
}
