package io.sluice.api.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Whether the cluster holds what Git declares, as Argo CD's sync status codes say it (gitops-engine's SyncStatusCode). */
public enum SyncCode {
    SYNCED("Synced"),
    OUT_OF_SYNC("OutOfSync"),
    UNKNOWN("Unknown");

    private final String code;

    SyncCode(String code) {
        this.code = code;
    }

    /** The code as Argo CD writes it, and as statuses carry it on Kafka. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The code written {@code text}; {@link #UNKNOWN} for null or anything else. */
    @JsonCreator
    public static SyncCode of(String text) {
        return Arrays.stream(values()).filter(value -> value.code.equals(text)).findFirst().orElse(UNKNOWN);
    }

    @Override
    public String toString() {
        return code;
    }
}
