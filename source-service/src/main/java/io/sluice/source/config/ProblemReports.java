package io.sluice.source.config;

import io.sluice.api.status.Reasons;
import io.sluice.source.SourceEvents;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Reports the problems of successive reads of configuration once each, when one first appears and
 * not again while it stays: an error as an error log line and a {@value Reasons#CONFIG_INVALID} event,
 * a warning (what Sluice does not act on) as a warning log line and an
 * {@value Reasons#UNSUPPORTED_FIELDS} info event. Notices are only logged.
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
            if (!current.add(key) || reported.contains(key)) {
                continue;
            }
            if (problem.isError()) {
                log.error(problem.message());
                events.error(problem.about(), Reasons.CONFIG_INVALID, problem.message(), null);
            } else {
                log.warn(problem.message());
                events.info(problem.about(), Reasons.UNSUPPORTED_FIELDS, problem.message(), null);
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
