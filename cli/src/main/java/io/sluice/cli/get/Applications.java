package io.sluice.cli.get;

import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every application Sluice knows, read from the compacted topics: the configuration says which
 * applications exist, the apply status says how each one is doing.
 */
public final class Applications {
    static final Set<String> APPLICATION_KINDS = Set.of("Kustomization", "HelmRelease", "Application");

    public static List<AppRow> list(String bootstrapServers) throws InterruptedException {
        try (TopicView<ConfigDocument> config = new TopicView<>(bootstrapServers, Topics.CONFIG, ConfigDocument.class,
                (k, v) -> { }).start();
                TopicView<AppStatus> status = new TopicView<>(bootstrapServers, Topics.APPLY_STATUS, AppStatus.class,
                        (k, v) -> { }).start()) {
            Duration timeout = Duration.ofSeconds(30);
            if (!config.awaitCaughtUp(timeout) || !status.awaitCaughtUp(timeout)) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s");
            }
            return join(config.snapshot(), status.snapshot());
        }
    }

    static List<AppRow> join(Map<String, ConfigDocument> config, Map<String, AppStatus> statuses) {
        List<AppRow> rows = new ArrayList<>();
        for (ConfigDocument doc : config.values()) {
            if (!APPLICATION_KINDS.contains(doc.ref().kind())) {
                continue;
            }
            AppStatus status = statuses.get(doc.ref().id());
            rows.add(status == null
                    ? new AppRow(doc.ref().name(), doc.ref().namespace(), doc.ref().kind(), SyncCode.UNKNOWN,
                            HealthCode.UNKNOWN, "", "waiting for the first reconcile")
                    : new AppRow(doc.ref().name(), doc.ref().namespace(), doc.ref().kind(), status.sync(),
                            status.health(), status.revision(), status.message()));
        }
        rows.sort(Comparator.comparing(AppRow::namespace).thenComparing(AppRow::name));
        return rows;
    }

    private Applications() {
    }
}
