package io.sluice.notification;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * The {@code sluice.notification.*} options; defaults are in application.properties. The time limit
 * of one delivery attempt is each Provider's own spec.timeout.
 */
@ConfigMapping(prefix = "sluice.notification")
public interface NotificationSettings {
    /** Wait before the first retry, doubled before each next one. */
    Duration retryBackoff();

    /** Events older than this are not sent: a first start reads the events topic from its beginning. */
    Duration maxEventAge();
}
