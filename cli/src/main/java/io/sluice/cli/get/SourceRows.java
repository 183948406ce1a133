package io.sluice.cli.get;

import io.sluice.api.ApiGroups;
import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigProblems;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code sluice get sources}: what source-service polls, as its /api/sources says, with
 * the configuration errors of each source. A source whose document has errors and was never valid
 * never reaches source-service: it gets a row of its own, not ready, saying why.
 */
final class SourceRows {

    /** The problems of every configuration document, from the running stack's topic. */
    static Map<String, ConfigProblems> problems(String bootstrapServers) throws InterruptedException {
        try (CompactedTopics topics = new CompactedTopics(bootstrapServers)) {
            TopicView<ConfigProblems> problems = topics.open(Topics.CONFIG_PROBLEMS, ConfigProblems.class);
            topics.awaitCaughtUp();
            return problems.snapshot();
        }
    }

    /** {@code served} as they are, but those whose latest document is invalid say so; then the never valid ones. */
    static List<SourceRow> join(List<SourceRow> served, Map<String, ConfigProblems> problems) {
        List<ConfigProblems> invalid = problems.values().stream()
                .filter(found -> found.invalid() && found.ref() != null && ApiGroups.SOURCE.equals(found.ref().group()))
                .toList();
        List<SourceRow> rows = new ArrayList<>();
        for (SourceRow row : served) {
            rows.add(invalid.stream().filter(found -> names(row, found.ref())).findFirst()
                    .map(found -> new SourceRow(row.kind(), row.namespace(), row.name(), row.url(), row.revision(),
                            row.lastPoll(), row.ready(),
                            InvalidConfiguration.message(InvalidConfiguration.LAST_VALID_IN_USE, found)))
                    .orElse(row));
        }
        invalid.stream().filter(found -> served.stream().noneMatch(row -> names(row, found.ref())))
                .sorted(Comparator.comparing(found -> found.ref().id()))
                .map(found -> new SourceRow(found.ref().kind(), found.ref().namespace(), found.ref().name(), null,
                        null, null, false, InvalidConfiguration.message(InvalidConfiguration.NEVER_VALID, found)))
                .forEach(rows::add);
        return rows;
    }

    private static boolean names(SourceRow row, ObjectRef ref) {
        return row.kind().equals(ref.kind()) && row.namespace().equals(ref.namespace())
                && row.name().equals(ref.name());
    }

    private SourceRows() {
    }
}
