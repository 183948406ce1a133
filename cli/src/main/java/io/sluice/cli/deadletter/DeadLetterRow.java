package io.sluice.cli.deadletter;

import java.time.Instant;

/**
 * One line of {@code sluice get deadletters}: a record a stage could not process, the topic it came
 * from, its key, why it failed, when it was set aside, and whether {@code sluice deadletters replay}
 * has dealt with it.
 */
public record DeadLetterRow(String topic, String key, String reason, Instant time, boolean replayed) {
}
