package io.sluice.cli.app;

import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;

/** One line of {@code sluice app resources}: an object of the application, as Argo CD lists them. */
public record ResourceRow(String group, String kind, String namespace, String name, SyncCode status, HealthCode health,
        String message) {
}
