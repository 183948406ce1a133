package io.sluice.api.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collection;

/**
 * An object's or an application's health, as Argo CD's health codes say it, declared from the most
 * healthy to the least, in gitops-engine's order ({@code pkg/health/health.go}, healthOrder): an
 * application is as healthy as its least healthy object.
 */
public enum HealthCode {
    HEALTHY("Healthy"),
    /** Paused on purpose, such as a suspended CronJob or a paused Rollout. */
    SUSPENDED("Suspended"),
    /** Not healthy yet, but may become so. */
    PROGRESSING("Progressing"),
    /** Not in the cluster. */
    MISSING("Missing"),
    /** Failed, or did not become healthy in time. */
    DEGRADED("Degraded"),
    /** Could not be assessed. */
    UNKNOWN("Unknown");

    private final String code;

    HealthCode(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The code written {@code text}; {@link #UNKNOWN} for null or anything else. */
    @JsonCreator
    public static HealthCode of(String text) {
        return Arrays.stream(values()).filter(value -> value.code.equals(text)).findFirst().orElse(UNKNOWN);
    }

    /** Whether this is a worse condition than {@code other} (gitops-engine's IsWorse). */
    public boolean isWorseThan(HealthCode other) {
        return compareTo(other) > 0;
    }

    /** The least healthy of {@code codes}; {@link #HEALTHY} when there are none. */
    public static HealthCode worst(Collection<HealthCode> codes) {
        return codes.stream().filter(code -> code != null).max(Enum::compareTo).orElse(HEALTHY);
    }

    @Override
    public String toString() {
        return code;
    }
}
