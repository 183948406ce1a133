package io.sluice.source.webhook;

import static io.sluice.source.config.DocumentFields.at;
import static io.sluice.source.config.DocumentFields.optionalBoolean;
import static io.sluice.source.config.DocumentFields.requiredList;
import static io.sluice.source.config.DocumentFields.requiredString;

import io.sluice.source.config.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a Flux Receiver (notification.toolkit.fluxcd.io/v1) that the source-service acts on:
 * who may call (type and the token in {@code secretRef}), which events count, and what to reconcile.
 */
public record ReceiverSpec(String type, List<String> events, String secretName, List<ReceiverResource> resources,
        boolean suspend) {
    /** Flux's only type that has no secretRef; Sluice does not support it yet, but such a document is valid. */
    private static final String OIDC_TYPE = "generic-oidc";
    /** Fields Sluice acts on, or that need nothing from it (interval: the token is read on every request). */
    private static final Set<String> SUPPORTED_FIELDS = Set.of("type", "events", "secretRef", "resources", "suspend",
            "interval");

    /** The spec of a Receiver document, or an {@link InvalidFieldException} naming the first bad field. */
    public static ReceiverSpec parse(Map<String, Object> document) {
        return new ReceiverSpec(parseType(document), parseEvents(document), parseSecretName(document),
                parseResources(document), optionalBoolean(document, "spec.suspend"));
    }

    public static String parseType(Map<String, Object> document) {
        return requiredString(document, "spec.type");
    }

    /** {@code spec.secretRef.name}: required, as in Flux, for every type but generic-oidc. */
    public static String parseSecretName(Map<String, Object> document) {
        if (OIDC_TYPE.equals(at(document, "spec.type"))) {
            return null;
        }
        return requiredString(document, "spec.secretRef.name");
    }

    public static List<ReceiverResource> parseResources(Map<String, Object> document) {
        List<?> entries = requiredList(document, "spec.resources");
        List<ReceiverResource> resources = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            resources.add(ReceiverResource.parse(entries.get(i), i));
        }
        return List.copyOf(resources);
    }

    static List<String> parseEvents(Map<String, Object> document) {
        Object value = at(document, "spec.events");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof String))) {
            throw new InvalidFieldException("spec.events must be a list of event names, e.g. [push]");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /**
     * What Flux would do with this document and Sluice does not yet, as "spec.&lt;field&gt;": a field it
     * ignores, or events on a type whose requests name no event.
     */
    static List<String> unsupportedFields(Map<String, Object> document, HookType type) {
        List<String> unsupported = new ArrayList<>();
        if (at(document, "spec") instanceof Map<?, ?> spec) {
            spec.keySet().stream().map(String::valueOf).filter(field -> !SUPPORTED_FIELDS.contains(field)).sorted()
                    .forEach(field -> unsupported.add("spec." + field));
        }
        if (at(document, "spec.resources") instanceof List<?> resources) {
            for (int i = 0; i < resources.size(); i++) {
                if (resources.get(i) instanceof Map<?, ?> resource && resource.containsKey("filter")) {
                    unsupported.add("spec.resources[" + i + "].filter");
                }
            }
        }
        if (type.eventHeader() == null && at(document, "spec.events") instanceof List<?> events && !events.isEmpty()) {
            unsupported.add("spec.events (a " + type.fluxName() + " request names no event)");
        }
        return unsupported;
    }
}
