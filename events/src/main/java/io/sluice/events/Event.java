package io.sluice.events;

import io.sluice.api.ObjectRef;
import java.time.Instant;

/**
 * Something a stage wants people to know, on {@link Topics#EVENTS}, keyed by the involved
 * object's id. Severity is {@code info} or {@code error}, as in Flux's Alert.eventSeverity.
 * Messages never carry secret values.
 */
public record Event(int schemaVersion, ObjectRef involvedObject, String severity, String reason, String message,
        String revision, String reportingService, Instant time) implements Message {
    public static final int VERSION = 1;
    public static final String INFO = "info";
    public static final String ERROR = "error";

    public static Event info(ObjectRef about, String reason, String message, String revision, String service) {
        return new Event(VERSION, about, INFO, reason, message, revision, service, Instant.now());
    }

    public static Event error(ObjectRef about, String reason, String message, String revision, String service) {
        return new Event(VERSION, about, ERROR, reason, message, revision, service, Instant.now());
    }
}
