package io.sluice.events;

/**
 * Every record on a Sluice topic. The schema version travels in the JSON so that a consumer
 * can tell an older producer's message from its own.
 */
public interface Message {
    int schemaVersion();
}
