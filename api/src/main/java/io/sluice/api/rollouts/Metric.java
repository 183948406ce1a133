package io.sluice.api.rollouts;

import io.sluice.api.read.Node;
import java.time.Duration;

/**
 * One metric of an AnalysisTemplate: what is measured, how often, and when measurements count as
 * successful or failed; Argo's ValidateMetric rules hold where the numbers are written (not arguments).
 *
 * @param name the metric's name (required, unique in the template)
 * @param interval the time between measurements; null: one measurement
 * @param initialDelay how long to wait before the first measurement; null: none
 * @param count how many measurements are taken: 1 when neither count (or 0) nor interval is written, null
 *         (until the analysis is stopped) when only interval is (Argo's EffectiveCount)
 * @param successCondition an expression on {@code result} that makes a measurement successful; null when not written
 * @param failureCondition an expression on {@code result} that makes a measurement failed; null when not written
 * @param failureLimit how many failed measurements fail the metric; 0 when not written, -1 disables it
 * @param inconclusiveLimit how many inconclusive measurements make the metric inconclusive; 0 when not written
 * @param consecutiveErrorLimit how many errors in a row fail the metric; 4 when not written (Argo's
 *         DefaultConsecutiveErrorLimit)
 * @param consecutiveSuccessLimit how many successes in a row make the metric successful; 0 (disabled) when
 *         not written
 * @param provider where measurements come from
 */
public record Metric(String name, Duration interval, Duration initialDelay, IntOrArgument count,
        String successCondition, String failureCondition, IntOrArgument failureLimit, IntOrArgument inconclusiveLimit,
        IntOrArgument consecutiveErrorLimit, IntOrArgument consecutiveSuccessLimit, MetricProvider provider) {
    private static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

    static Metric read(Node metric) {
        String name = metric.get("name").requiredString();
        Node intervalField = metric.get("interval");
        Duration interval = intervalField.duration(null);
        Node countField = metric.get("count");
        IntOrArgument count = IntOrArgument.read(countField, 0, null);
        Node failureField = metric.get("failureLimit");
        IntOrArgument failureLimit = IntOrArgument.read(failureField, -1, 0);
        IntOrArgument inconclusiveLimit = IntOrArgument.read(metric.get("inconclusiveLimit"), 0, 0);
        IntOrArgument successLimit = IntOrArgument.read(metric.get("consecutiveSuccessLimit"), 0, 0);
        if (IntOrArgument.isNumber(failureLimit) && failureLimit.value() == -1 && IntOrArgument.isNumber(successLimit)
                && successLimit.value() == 0) {
            failureField.error("must not be -1 (disabled) while consecutiveSuccessLimit is 0 (disabled)");
        }
        if (IntOrArgument.isNumber(count)) {
            checkCount(countField, count.value(), failureLimit, successLimit, inconclusiveLimit);
            if (count.value() > 1 && !intervalField.present()) {
                intervalField.error("is required when count is more than 1");
            }
        }
        Node provider = metric.get("provider");
        if (!provider.present()) {
            provider.error("is required");
        }
        return new Metric(name, interval, metric.get("initialDelay").duration(null),
                effectiveCount(count, intervalField.present()), metric.get("successCondition").string(),
                metric.get("failureCondition").string(), failureLimit, inconclusiveLimit,
                IntOrArgument.read(metric.get("consecutiveErrorLimit"), 0, DEFAULT_CONSECUTIVE_ERROR_LIMIT),
                successLimit, provider.object(MetricProvider::read));
    }

    /** Argo's ValidateMetric: enough measurements for the limits to be reached. */
    private static void checkCount(Node countField, int count, IntOrArgument failureLimit, IntOrArgument successLimit,
            IntOrArgument inconclusiveLimit) {
        if (count == 0 || !IntOrArgument.isNumber(failureLimit) || !IntOrArgument.isNumber(successLimit)) {
            return;
        }
        int failures = failureLimit.value();
        int successes = successLimit.value();
        if (failures >= 0 && count < failures + successes) {
            countField.error("must be at least failureLimit + consecutiveSuccessLimit (" + failures + " + " + successes
                    + "), not " + count);
        } else if (failures < 0 && count < successes) {
            countField.error("must be at least consecutiveSuccessLimit (" + successes + "), not " + count);
        }
        if (IntOrArgument.isNumber(inconclusiveLimit) && count < inconclusiveLimit.value()) {
            countField.error("must be at least inconclusiveLimit (" + inconclusiveLimit.value() + "), not " + count);
        }
    }

    /** Argo's EffectiveCount: no count (or 0) means one measurement without interval, no end with one. */
    private static IntOrArgument effectiveCount(IntOrArgument count, boolean interval) {
        if (count != null && !(IntOrArgument.isNumber(count) && count.value() == 0)) {
            return count;
        }
        return interval ? null : new IntOrArgument(1, null);
    }
}
