package io.sluice.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.api.ObjectRef;
import io.sluice.events.kafka.DeadLetter;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml describes every topic of {@link Topics} and every message record of this
 * package, field by field: this test fails when a topic, a message or a field is missing there, so
 * the document follows the code.
 */
class AsyncApiDocumentTest {
    private static final Path DOCUMENT = Path.of("../docs/asyncapi.yaml");
    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        document = new YAMLMapper().readTree(DOCUMENT.toFile());
    }

    @Test
    void everyTopicIsAChannelThatSaysWhetherItIsCompactedAndHasItsDeadLetterChannel() {
        assertEquals("3.0.0", document.path("asyncapi").asText());
        Map<String, JsonNode> channels = new HashMap<>();
        document.path("channels").forEach(channel -> channels.put(channel.path("address").asText(), channel));
        for (Topics.Spec topic : Topics.ALL) {
            JsonNode channel = channels.get(topic.name());
            assertNotNull(channel, topic.name() + " has no channel in " + DOCUMENT);
            assertEquals(topic.compacted(), cleanupPolicies(channel).contains("compact"),
                    topic.name() + ": compacted is " + topic.compacted());
            JsonNode deadLetters = channels.get(topic.deadLetter());
            assertNotNull(deadLetters, topic.deadLetter() + " has no channel in " + DOCUMENT);
            assertTrue(deadLetters.path("messages").toString().contains("#/components/messages/DeadLetter"),
                    topic.deadLetter() + " carries dead letters");
        }
    }

    @Test
    void everyMessageRecordIsAMessageWhoseSchemaNamesEveryField() throws Exception {
        List<Class<?>> records = messageRecords();
        assertTrue(records.containsAll(List.of(AppStatus.class, Event.class, RenderedBundle.class)),
                "the scan of the package found " + records);
        for (Class<?> record : records) {
            JsonNode message = document.path("components").path("messages").path(record.getSimpleName());
            assertFalse(message.isMissingNode(), record.getSimpleName() + " is no message in " + DOCUMENT);
            assertNamesEveryField(record, objectSchema(message.path("payload")), record.getSimpleName());
        }
    }

    @Test
    void eventsCarryTheirCloudEventsAttributesAsHeaders() {
        JsonNode headers = resolve(document.at("/components/messages/Event/headers")).path("properties");
        for (String name : List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time",
                "content-type")) {
            assertTrue(headers.has(name), "Event headers name " + name);
        }
        Event event = Event.info(new ObjectRef("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system",
                "web-app"), "ReconciliationSucceeded", "applied", "main@sha1:ab", "apply-service");
        String type = EventAttributes.of(event).type();
        assertTrue(type.matches(headers.path("ce_type").path("pattern").asText()), type);
        assertEquals(EventAttributes.DATA_CONTENT_TYPE, headers.path("content-type").path("const").asText());
    }

    @Test
    void deadLettersCarryTheConnectorsHeaders() {
        JsonNode headers = resolve(document.at("/components/messages/DeadLetter/headers")).path("properties");
        for (String name : List.of(DeadLetter.REASON_HEADER, DeadLetter.CAUSE_HEADER, DeadLetter.TOPIC_HEADER,
                DeadLetter.PARTITION_HEADER, DeadLetter.OFFSET_HEADER)) {
            assertTrue(headers.has(name), "DeadLetter headers name " + name);
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        collectBrokenReferences(document, broken);
        assertEquals(List.of(), broken);
    }

    /** The records of this package that travel on a topic, found in the compiled classes. */
    private static List<Class<?>> messageRecords() throws IOException, URISyntaxException {
        Path classes = Path.of(Message.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(Message.class.getPackageName().replace('.', '/'));
        try (Stream<Path> files = Files.list(classes)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .<Class<?>>map(name -> load(Message.class.getPackageName() + "." + name.replace(".class", "")))
                    .filter(type -> type.isRecord() && Message.class.isAssignableFrom(type))
                    .sorted(Comparator.comparing(Class::getName)).toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each component of {@code type} is a property of {@code schema}, and so on down nested records. */
    private static void assertNamesEveryField(Class<?> type, JsonNode schema, String where) {
        for (RecordComponent component : type.getRecordComponents()) {
            String path = where + "." + component.getName();
            JsonNode property = schema.path("properties").path(component.getName());
            assertFalse(property.isMissingNode(), path + " is not in the schema of " + DOCUMENT);
            Class<?> nested = component.getType().isRecord() ? component.getType() : null;
            if (nested != null) {
                assertNamesEveryField(nested, objectSchema(property), path);
            }
            Class<?> element = listElement(component.getGenericType());
            if (element != null && element.isRecord()) {
                assertNamesEveryField(element, objectSchema(property.path("items")), path + "[]");
            }
        }
    }

    private static Class<?> listElement(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class
                && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return null;
    }

    /** The object schema a property stands for: through a $ref, or the branch of a oneOf that is not null. */
    private static JsonNode objectSchema(JsonNode property) {
        JsonNode resolved = resolve(property);
        if (resolved.has("oneOf")) {
            for (JsonNode branch : resolved.path("oneOf")) {
                JsonNode candidate = resolve(branch);
                if (candidate.has("properties")) {
                    return candidate;
                }
            }
        }
        return resolved;
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? document.at(ref.asText().substring(1)) : node;
    }

    private static List<String> cleanupPolicies(JsonNode channel) {
        List<String> policies = new ArrayList<>();
        resolve(channel.path("bindings")).path("kafka").path("topicConfiguration").path("cleanup.policy")
                .forEach(policy -> policies.add(policy.asText()));
        return policies;
    }

    private static void collectBrokenReferences(JsonNode node, List<String> broken) {
        JsonNode ref = node.path("$ref");
        if (ref.isTextual() && resolve(node).isMissingNode()) {
            broken.add(ref.asText());
        }
        node.forEach(child -> collectBrokenReferences(child, broken));
    }
}
