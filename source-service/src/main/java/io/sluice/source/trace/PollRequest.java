package io.sluice.source.trace;

import java.time.Instant;

/**
 * A reconcile-now request that the next poll of its source serves: when the request arrived (a
 * webhook's arrival, or when a command was sent) and the trace context it came with, so that a
 * commit the poll finds is timed from the request and traced under it.
 *
 * @param arrived when the request arrived; null: when the poll begins
 * @param traceparent the W3C trace context of the request; null: the poll starts a trace of its own
 */
public record PollRequest(Instant arrived, String traceparent) {
}
