package io.sluice.apply.app;

import io.sluice.api.ObjectRef;
import io.sluice.api.status.HealthCode;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The last status of each application: what this instance published, else what the status topic
 * held when it started. Publishes a status only when it differs in more than its time, so
 * redelivered bundles and unchanged health checks do not flood the topic. Used on the worker thread only.
 *
 * <p>It also keeps whether an application is suspended by a command: as the status message's
 * prefix {@value #SUSPENDED_BY_COMMAND}, which every status recorded until the resume keeps. The
 * status topic is compacted and read again on start, so a suspension survives restarts and
 * moves with the application to another instance, as every other state does.
 */
@ApplicationScoped
public class StatusBook {
    /** How the message of an application suspended by a command begins, until it is resumed. */
    public static final String SUSPENDED_BY_COMMAND = "Suspended by command";

    private final ApplyStreams streams;
    private final Map<String, AppStatus> published = new HashMap<>();

    StatusBook(ApplyStreams streams) {
        this.streams = streams;
    }

    AppStatus last(String appId) {
        AppStatus status = published.get(appId);
        return status != null ? status : streams.status(appId);
    }

    boolean suspendedByCommand(String appId) {
        return suspendedByCommand(last(appId));
    }

    /** Marks the application suspended by {@code who}: no reconcile and no self-heal until {@link #resume}. */
    void suspend(String appId, ObjectRef app, String who) {
        AppStatus last = last(appId);
        String message = SUSPENDED_BY_COMMAND + " of " + who + ": not reconciled or self-healed until resumed"
                + (last == null || last.message() == null ? "" : " (last: " + last.message() + ")");
        publish(appId, unchangedWith(app, last, message));
    }

    /** Marks the application suspended by a command for {@code reason}, which says who and why. */
    void pause(String appId, ObjectRef app, String reason) {
        publish(appId, unchangedWith(app, last(appId), SUSPENDED_BY_COMMAND + ": " + reason));
    }

    /** Lifts a suspension by command; {@code message} says who resumed it. */
    void resume(String appId, ObjectRef app, String message) {
        publish(appId, unchangedWith(app, last(appId), message));
    }

    /**
     * Publishes {@code status} unless only its time differs from the last one; true when published.
     * While the application is suspended by a command, the message says so first.
     */
    boolean record(String appId, AppStatus status) {
        AppStatus last = last(appId);
        if (suspendedByCommand(last) && !suspendedByCommand(status)) {
            status = status.withMessage(SUSPENDED_BY_COMMAND + ": " + status.message());
        }
        return publish(appId, status);
    }

    private boolean publish(String appId, AppStatus status) {
        AppStatus last = last(appId);
        if (status.history() == null && last != null) {
            // Only a sync adds to the history; every other status keeps it.
            status = status.withHistory(last.history());
        }
        published.put(appId, status);
        if (last != null && withoutTime(last).equals(withoutTime(status))) {
            return false;
        }
        streams.publish(appId, status);
        return true;
    }

    void event(Event event) {
        streams.publish(event);
    }

    void remove(String appId) {
        published.remove(appId);
        streams.tombstone(appId);
    }

    /** Drops what this instance published for an application it hands over: its next owner publishes. */
    void forget(String appId) {
        published.remove(appId);
    }

    /** Applications this instance applied whose health is not Healthy yet. */
    List<String> notHealthy() {
        return published.entrySet().stream()
                .filter(e -> !HealthCode.HEALTHY.equals(e.getValue().health()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** The status after a reconcile that changed nothing in the cluster: the last one with a new message. */
    static AppStatus unchangedWith(ObjectRef app, AppStatus last, String message) {
        if (last == null) {
            return AppStatus.of(app).withMessage(message);
        }
        return AppStatus.of(app).withSync(last.sync()).withHealth(last.health())
                .withBundle(last.revision(), last.bundleDigest()).withMessage(message)
                .withResources(last.resources()).withInventory(last.inventory());
    }

    static List<ObjectRef> inventory(AppStatus status) {
        return status == null || status.inventory() == null ? List.of() : status.inventory();
    }

    private static AppStatus withoutTime(AppStatus s) {
        return s.withTime(null);
    }

    private static boolean suspendedByCommand(AppStatus status) {
        return status != null && status.message() != null && status.message().startsWith(SUSPENDED_BY_COMMAND);
    }

    static boolean sameOutcome(AppStatus a, AppStatus b) {
        return a != null && b != null && Objects.equals(a.revision(), b.revision())
                && Objects.equals(a.message(), b.message());
    }
}
