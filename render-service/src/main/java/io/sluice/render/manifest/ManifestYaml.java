package io.sluice.render.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a multi-document YAML (or JSON) text of manifests into object maps, stopping at the first
 * document that is not a mapping. Not api's YamlDocuments: rendered output is taken as the parser
 * gives it (no JSON round trip), and errors name the line as build failures report it.
 */
public final class ManifestYaml {
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * The objects of {@code text}, skipping empty documents. {@code origin} names the text in
     * errors, e.g. {@code apps/web/deploy.yaml: line 7: mapping values are not allowed here}.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parse(String text, String origin) throws RenderException {
        List<Map<String, Object>> objects = new ArrayList<>();
        int document = 0;
        try (JsonParser parser = YAML.getFactory().createParser(text);
                MappingIterator<Object> values = YAML.readValues(parser, Object.class)) {
            while (values.hasNextValue()) {
                Object value = values.nextValue();
                document++;
                if (value == null) {
                    continue;
                }
                if (!(value instanceof Map)) {
                    throw new RenderException(origin + ": document " + document
                            + " is not a Kubernetes object but a " + (value instanceof List ? "list" : "scalar"));
                }
                objects.add((Map<String, Object>) value);
            }
        } catch (JsonProcessingException e) {
            throw new RenderException(origin + ": " + describe(e));
        } catch (IOException e) {
            throw new RenderException(origin + ": cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            // MappingIterator wraps parse errors met while looking for the next document.
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw new RenderException(origin + ": " + describe(cause));
            }
            throw e;
        }
        return objects;
    }

    /** "line N: problem", with the construct being parsed when the parser names it. */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml
                && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                    : " (" + yaml.getContext() + " at line " + (yaml.getContextMark().getLine() + 1) + ")";
            return "line " + (yaml.getProblemMark().getLine() + 1) + ": " + yaml.getProblem() + context;
        }
        String message = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
        return e.getLocation() == null ? message : "line " + e.getLocation().getLineNr() + ": " + message;
    }

    private ManifestYaml() {
    }
}
