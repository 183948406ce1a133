package io.sluice.source.config;

import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one scan of the configuration found: the documents that read without error, and every
 * problem. Documents that could not be read or validated this time are remembered by origin or key,
 * so that what was published from them is kept rather than deleted while the user fixes a file.
 */
public final class ConfigScan {
    final Map<String, ConfigDocument> documents = new LinkedHashMap<>();
    final List<ConfigProblem> problems = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final Set<String> unreadableOrigins = new LinkedHashSet<>();
    final Set<String> invalidKeys = new LinkedHashSet<>();
    boolean everyFolderListed = true;

    public Map<String, ConfigDocument> documents() {
        return documents;
    }

    /** Errors and warnings, in the order found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** A file that could not be read at all: nothing published from it is taken for deleted. */
    void unreadable(String origin, String message) {
        problems.add(ConfigProblem.ofFile(origin, message));
        unreadableOrigins.add(origin);
    }

    /** Whether a previously published document may be deleted because this scan no longer has it. */
    boolean gone(String key, String origin) {
        return complete(origin) && !documents.containsKey(key) && !invalidKeys.contains(key);
    }

    /** Whether this scan read everything it could find of {@code origin}: what it did not find there is gone. */
    boolean complete(String origin) {
        return everyFolderListed && !unreadableOrigins.contains(origin);
    }

    /** The problems of each document (or file), as published on sluice.config.problems, by key. */
    Map<String, ConfigProblems> records(Instant time) {
        Map<String, List<ConfigProblem>> byKey = new LinkedHashMap<>();
        problems.forEach(problem -> byKey.computeIfAbsent(problem.key(), key -> new ArrayList<>()).add(problem));
        Map<String, ConfigProblems> records = new LinkedHashMap<>();
        byKey.forEach((key, found) -> {
            ConfigProblem first = found.get(0);
            boolean document = !key.equals(ConfigProblems.fileKey(first.origin()));
            records.put(key, new ConfigProblems(ConfigProblems.VERSION, document ? first.about() : null,
                    first.origin(), messages(found, true), messages(found, false), time));
        });
        return records;
    }

    private static List<String> messages(List<ConfigProblem> problems, boolean errors) {
        return problems.stream().filter(problem -> problem.isError() == errors).map(ConfigProblem::message).toList();
    }
}
