package io.sluice.api.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Splits a multi-document YAML file into its documents, each with its {@link Origin}: the file, the
 * document's number and the line it starts on. A file that is not valid YAML gives no document and
 * one problem saying where it breaks; a document that is not a mapping is a problem of its own.
 * Documents come out as JSON would give them back (maps, lists, strings, numbers, booleans), the
 * form they have on Kafka.
 */
public final class YamlDocuments {
    private static final ObjectReader YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build().readerFor(Object.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** One document of a file. */
    public record Document(Map<String, Object> content, Origin origin) {
    }

    /**
     * What a file holds: its documents, and its problems (messages naming the file). {@code readable}
     * is false when the file as a whole could not be parsed: then it has no documents.
     */
    public record File(List<Document> documents, List<String> problems, boolean readable) {
    }

    /** The documents of {@code content}, read as the file {@code file}. */
    public static File parse(String file, byte[] content) {
        List<Document> documents = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (MappingIterator<Object> values = YAML.readValues(content)) {
            int number = 0;
            while (values.hasNextValue()) {
                number++;
                JsonLocation start = values.getParser().currentTokenLocation();
                Object value = values.nextValue();
                Origin origin = new Origin(file, number, start == null ? 0 : Math.max(0, start.getLineNr()));
                if (value == null) {
                    continue;
                }
                if (!(value instanceof Map<?, ?>)) {
                    problems.add(origin + " is not a mapping");
                    continue;
                }
                documents.add(new Document(JSON.convertValue(value, MAP), origin));
            }
        } catch (JsonProcessingException e) {
            return new File(List.of(), List.of(file + ": invalid YAML" + yamlProblem(e)), false);
        } catch (IOException e) {
            return new File(List.of(), List.of(file + ": cannot read: " + e.getMessage()), false);
        }
        return new File(List.copyOf(documents), List.copyOf(problems), true);
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

    private YamlDocuments() {
    }
}
