package io.sluice.source.config;

import static io.sluice.source.config.DocumentFields.optionalString;
import static io.sluice.source.config.DocumentFields.requiredString;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Json;
import io.sluice.api.ObjectRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads one multi-document YAML file of a config folder (or of the bootstrap repository) into a {@link ConfigScan}. */
final class ConfigFileParser {
    static final String DEFAULT_NAMESPACE = "default";
    private static final ObjectReader YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build().readerFor(Object.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ConfigScan scan;

    ConfigFileParser(ConfigScan scan) {
        this.scan = scan;
    }

    /** Where a file's documents are read from: a config folder's file, or a blob of a commit. */
    private interface Content {
        MappingIterator<Object> open() throws IOException;
    }

    void parse(Path file, String origin) {
        parse(origin, () -> YAML.readValues(file.toFile()));
    }

    /** A file read from elsewhere than a folder: a file of a commit of the bootstrap repository. */
    void parse(byte[] content, String origin) {
        parse(origin, () -> YAML.readValues(content));
    }

    private void parse(String origin, Content content) {
        List<Object> values = new ArrayList<>();
        try (MappingIterator<Object> documents = content.open()) {
            while (documents.hasNextValue()) {
                values.add(documents.nextValue());
            }
        } catch (JsonProcessingException e) {
            fileProblem(origin, origin + ": invalid YAML" + yamlProblem(e));
            return;
        } catch (IOException e) {
            fileProblem(origin, origin + ": cannot read: " + e.getMessage());
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                document(origin, i + 1, values.get(i));
            }
        }
    }

    private void document(String origin, int index, Object value) {
        if (!(value instanceof Map)) {
            scan.problems.add(new ConfigProblem(ConfigProblem.file(origin),
                    origin + ": document " + index + " is not a mapping"));
            return;
        }
        // The JSON round trip gives the document exactly the form consumers will read back from Kafka.
        Map<String, Object> document = Json.MAPPER.convertValue(value, MAP);
        ObjectRef ref;
        try {
            ref = new ObjectRef(requiredString(document, "apiVersion"), requiredString(document, "kind"),
                    namespace(document), requiredString(document, "metadata.name"));
        } catch (InvalidFieldException e) {
            scan.problems.add(new ConfigProblem(ConfigProblem.file(origin),
                    origin + ": document " + index + ": " + e.getMessage()));
            return;
        }
        String named = origin + ": " + ref.kind() + " " + ref.namespace() + "/" + ref.name();
        if (ref.apiVersion().equals("v1") && ref.kind().equals("Secret")) {
            scan.notices.add(named + ": skipped, secrets are never published");
            return;
        }
        var kind = ConfigKind.of(ref);
        if (kind.isEmpty()) {
            scan.problems.add(new ConfigProblem(ref, named + ": unknown kind for apiVersion " + ref.apiVersion()
                    + " (Sluice reads " + knownKinds() + ")"));
            return;
        }
        List<String> problems = kind.get().problems(document);
        ConfigDocument earlier = scan.documents.get(ref.id());
        if (!problems.isEmpty()) {
            problems.forEach(problem -> scan.problems.add(new ConfigProblem(ref, named + ": " + problem)));
            scan.invalidKeys.add(ref.id());
        } else if (earlier != null) {
            scan.problems.add(new ConfigProblem(ref, named + ": also defined in " + earlier.origin()
                    + ", which is kept"));
        } else {
            scan.documents.put(ref.id(), ConfigDocument.of(ref, origin, document));
        }
    }

    private static String namespace(Map<String, Object> document) {
        String namespace = optionalString(document, "metadata.namespace");
        return namespace == null ? DEFAULT_NAMESPACE : namespace;
    }

    private void fileProblem(String origin, String message) {
        scan.problems.add(new ConfigProblem(ConfigProblem.file(origin), message));
        scan.unreadableOrigins.add(origin);
    }

    /** " at line L, column C: problem", on one line (SnakeYAML's own message spans several, with a code excerpt). */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                    + marked.getProblem() + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
        }
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return where + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static String knownKinds() {
        return Arrays.stream(ConfigKind.values()).map(ConfigKind::kind).collect(Collectors.joining(", "));
    }
}
