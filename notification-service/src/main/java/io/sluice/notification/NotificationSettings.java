package io.sluice.notification;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The {@code sluice.notification.*} options; defaults are in application.properties. */
@ConfigMapping(prefix = "sluice.notification")
public interface NotificationSettings {
    /** Time limit of one delivery attempt. */
    Duration timeout();

    /** Wait before the first retry, doubled before each next one. */
    Duration retryBackoff();

    /** Events older than this are not sent: a first start reads the events topic from its beginning. */
    Duration maxEventAge();
}
