package io.sluice.image;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The {@code sluice.image.*} options; defaults are in application.properties. */
@ConfigMapping(prefix = "sluice.image")
public interface ImageSettings {
    /** Time limit of one registry request when the ImageRepository sets no spec.timeout. */
    Duration timeout();

    /** How many scans may run at once. */
    int scanThreads();
}
