package io.sluice.image;

import io.smallrye.config.ConfigMapping;

/**
 * The {@code sluice.image.*} options; defaults are in application.properties. A registry request's
 * time limit is each ImageRepository's own spec.timeout.
 */
@ConfigMapping(prefix = "sluice.image")
public interface ImageSettings {
    /** How many scans may run at once. */
    int scanThreads();

    /** How many ImageUpdateAutomations may run at once (each checks out, commits and pushes). */
    int automationThreads();
}
