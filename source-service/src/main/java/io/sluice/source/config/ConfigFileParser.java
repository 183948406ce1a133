package io.sluice.source.config;

import io.sluice.api.Kinds;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.read.Problem;
import io.sluice.api.read.ReadResult;
import io.sluice.api.read.YamlDocuments;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;

/**
 * Reads one multi-document YAML file of a config folder (or of the bootstrap repository) into a
 * {@link ConfigScan}: each document read as its kind, once, with every error and warning named by
 * file, line, object and field. Only documents without errors go to the scan's documents.
 */
final class ConfigFileParser {
    private final ConfigScan scan;

    ConfigFileParser(ConfigScan scan) {
        this.scan = scan;
    }

    /** Reads the file {@code origin} holding {@code content}. */
    void parse(byte[] content, String origin) {
        YamlDocuments.File file = YamlDocuments.parse(origin, content);
        if (!file.readable()) {
            file.problems().forEach(problem -> scan.unreadable(origin, problem));
            return;
        }
        file.problems().forEach(problem -> scan.problems.add(ConfigProblem.ofFile(origin, problem)));
        file.documents().forEach(document -> read(document, origin));
    }

    private void read(YamlDocuments.Document document, String origin) {
        ObjectRef written = Kinds.refOf(document.content());
        if ("v1".equals(written.apiVersion()) && "Secret".equals(written.kind())) {
            scan.notices.add(document.origin() + ": Secret " + written.namespace() + "/" + written.name()
                    + ": skipped, secrets are never published");
            return;
        }
        ReadResult<? extends Resource> read = Kinds.readConfiguration(document.content(), document.origin());
        ObjectRef ref = read.ref();
        // A document without a kind or a name cannot be keyed: its problems are its file's.
        boolean named = ref.kind() != null && ref.name() != null;
        String key = named ? ref.id() : ConfigProblems.fileKey(origin);
        ObjectRef about = named ? ref : ConfigProblem.file(origin);
        read.problems().forEach(problem -> scan.problems.add(new ConfigProblem(key, about, origin,
                problem.severity(), read.describe(problem))));
        if (!read.valid()) {
            if (named) {
                scan.invalidKeys.add(key);
            }
            return;
        }
        ConfigDocument earlier = scan.documents.get(key);
        if (earlier != null) {
            // The document published is the other file's, which reads cleanly: the problem is this file's.
            scan.problems.add(new ConfigProblem(ConfigProblems.fileKey(origin), ref, origin, Problem.Severity.ERROR,
                    read.where() + ": also defined in " + earlier.origin() + ", which is kept"));
            return;
        }
        scan.documents.put(key, ConfigDocument.of(ref, origin, document.content()));
    }
}
