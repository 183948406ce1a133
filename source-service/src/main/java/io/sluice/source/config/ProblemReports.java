package io.sluice.source.config;

import io.sluice.source.SourceEvents;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Reports the problems of successive reads of configuration once each: as an error log line and an
 * error event when one first appears, not again while it stays. Notices are only logged.
 */
final class ProblemReports {
    private final SourceEvents events;
    private final Logger log;
    private Set<String> reported = Set.of();

    ProblemReports(SourceEvents events, Logger log) {
        this.events = events;
        this.log = log;
    }

    /** {@code sameProblem} gives what two reads' messages must share to be one problem. */
    void report(List<ConfigProblem> problems, List<String> notices, UnaryOperator<String> sameProblem) {
        Set<String> current = new LinkedHashSet<>();
        for (ConfigProblem problem : problems) {
            String key = sameProblem.apply(problem.message());
            if (current.add(key) && !reported.contains(key)) {
                log.error(problem.message());
                events.error(problem.about(), "ConfigInvalid", problem.message(), null);
            }
        }
        for (String notice : notices) {
            if (current.add(notice) && !reported.contains(notice)) {
                log.info(notice);
            }
        }
        reported = current;
    }
}
