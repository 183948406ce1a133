package io.sluice.cli.get;

import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;

/** One line of {@code sluice get apps}. */
public record AppRow(String name, String namespace, String kind, SyncCode sync, HealthCode health, String revision,
        String message) {
}
