package io.sluice.api.argo;

import io.sluice.api.read.Node;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One sync window of an AppProject: from each time {@code schedule} (cron) fires, for {@code duration},
 * syncs of the matching Applications are allowed or denied.
 *
 * @param kind allow or deny
 * @param applications Application names (globs) it applies to; with namespaces and clusters, any matching
 *         (all, with andOperator)
 * @param manualSync whether manual syncs stay allowed in a deny window
 * @param timeZone the schedule's time zone; UTC when not written or not a time zone (as in Argo CD)
 * @param syncOverrun whether a sync started before the window changes (into deny, out of allow) may go on
 */
public record SyncWindow(String kind, String schedule, Duration duration, List<String> applications,
        List<String> namespaces, List<String> clusters, boolean manualSync, String timeZone, boolean andOperator,
        String description, boolean syncOverrun) {
    /** A cron field: numbers, names, ranges, steps, lists and wildcards. */
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?/,\\-]+");
    private static final int CRON_FIELDS = 5;

    static SyncWindow read(Node window) {
        String kind = window.get("kind").requiredOneOf("allow", "deny");
        Node scheduleField = window.get("schedule");
        String schedule = scheduleField.requiredString();
        if (schedule != null) {
            String[] fields = schedule.trim().split("\\s+");
            if (fields.length != CRON_FIELDS || !List.of(fields).stream().allMatch(f -> CRON_FIELD.matcher(f).matches())) {
                scheduleField.error("must be a cron schedule of 5 fields (minute hour day-of-month month day-of-week),"
                        + " not '" + schedule + "'");
            }
        }
        Node zoneField = window.get("timeZone");
        String zone = zoneField.string();
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                zoneField.warn("'" + zone + "' is not a time zone: UTC is used, as Argo CD does");
                zone = null;
            }
        }
        return new SyncWindow(kind, schedule, window.get("duration").requiredDuration(),
                window.get("applications").strings(), window.get("namespaces").strings(),
                window.get("clusters").strings(), window.get("manualSync").bool(), zone == null ? "UTC" : zone,
                window.get("andOperator").bool(), ArgoFields.description(window.get("description")),
                window.get("syncOverrun").bool());
    }
}
