package io.sluice.source.config;

import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.source.SourceEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps what one producer of configuration (the config folders, the bootstrap repository) has on
 * sluice.config and sluice.config.problems equal to its latest read: valid documents are
 * published, the last valid version of an invalid one stays, the problems of each document are its
 * record on sluice.config.problems (tombstoned once it reads cleanly or is gone), and each problem
 * is reported once as an event. Records of other producers are left alone.
 */
final class ConfigPublisher {
    /** What one read changed on sluice.config, and how many problems it has. */
    record Published(int changed, int deleted, int problems) {
    }

    private final PublishedRecords<ConfigDocument> documents;
    private final PublishedRecords<ConfigProblems> problems;
    private final ProblemReports reports;

    ConfigPublisher(MessageSink sink, SourceEvents events, Logger log) {
        this.documents = new PublishedRecords<>(sink, Topics.CONFIG, ConfigDocument::origin, log);
        this.problems = new PublishedRecords<>(sink, Topics.CONFIG_PROBLEMS, ConfigProblems::origin, log);
        this.reports = new ProblemReports(events, log);
    }

    /**
     * What the topics hold at start: the records among them whose origin this producer {@code owns}
     * are the comparison base.
     */
    void seed(Map<String, ConfigDocument> config, Map<String, ConfigProblems> configProblems, Predicate<String> owns) {
        documents.seed(owned(config, ConfigDocument::origin, owns));
        problems.seed(owned(configProblems, ConfigProblems::origin, owns));
    }

    /** Publishes what {@code scan} changed; {@code whyGone} says in the log why a document was deleted. */
    Published publish(ConfigScan scan, ConfigOrigins origins, String whyGone) {
        int changed = documents.publishChanged(scan.documents(), (before, now) ->
                origins.current(before.origin()).equals(now.origin()) && before.document().equals(now.document()));
        int deleted = documents.deleteGone((key, document) -> scan.gone(key, origins.current(document.origin())),
                whyGone);
        // A file's record keeps its key from one read to the next (a bootstrap origin names the commit).
        Map<String, ConfigProblems> records = new LinkedHashMap<>();
        scan.records(Instant.now()).forEach((key, record) -> records.put(origins.stable(key), record));
        problems.publishChanged(records, (before, now) -> stable(before, origins).equals(stable(now, origins)));
        problems.deleteGone((key, record) -> !records.containsKey(key)
                && scan.complete(origins.current(record.origin())), "it reads cleanly or is gone");
        reports.report(scan.problems(), scan.notices, origins::stable);
        return new Published(changed, deleted, scan.problems().size());
    }

    /** What of a record counts when comparing reads: not its time, nor what changes with an unchanged file. */
    private static String stable(ConfigProblems record, ConfigOrigins origins) {
        return origins.stable(record.ref() + " " + record.origin() + record.errors() + record.warnings());
    }

    private static <T> Map<String, T> owned(Map<String, T> records, Function<T, String> origin,
            Predicate<String> owns) {
        return records.entrySet().stream().filter(record -> owns.test(origin.apply(record.getValue())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
