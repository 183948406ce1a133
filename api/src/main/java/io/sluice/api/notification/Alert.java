package io.sluice.api.notification;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.GoRegex;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flux Alert (notification.toolkit.fluxcd.io v1beta3; v1beta2 read the same way): which events go
 * to which Provider. An event matches when an entry of eventSources names its object (same kind; same
 * name, or any with {@code *}; same namespace), its severity passes eventSeverity, an inclusionList
 * entry (when there are any) matches its message and no exclusionList entry does.
 */
public record Alert(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<Alert> KIND = Kind.configuration(ApiGroups.NOTIFICATION, "Alert",
            List.of("v1beta3", "v1beta2"), (metadata, spec) -> new Alert(metadata, Spec.read(metadata, spec)));
    public static final String INFO = "info";
    public static final String ERROR = "error";
    /** The eventMetadata key Flux puts spec.summary under. */
    public static final String SUMMARY_KEY = "summary";

    /**
     * @param providerRef the Provider, in the Alert's namespace, events are sent to
     * @param eventSeverity {@value #INFO} (every event, Flux's default) or {@value #ERROR} (errors only)
     * @param inclusionList regular expressions (Go syntax); when there are any, an event's message must match one
     * @param exclusionList regular expressions; an event whose message matches one is not sent
     * @param eventMetadata added to every event sent; spec.summary, deprecated, is in it under
     *         {@value #SUMMARY_KEY} (and wins over an eventMetadata entry, as in Flux)
     */
    public record Spec(LocalReference providerRef, String eventSeverity, List<ObjectSelector> eventSources,
            List<GoRegex> inclusionList, List<GoRegex> exclusionList, Map<String, String> eventMetadata,
            boolean suspend) {

        static Spec read(Metadata metadata, Node spec) {
            Node providerRef = spec.get("providerRef");
            if (!providerRef.present()) {
                providerRef.error("is required");
            }
            String severity = spec.get("eventSeverity").oneOf(INFO, INFO, ERROR);
            Node sourcesField = spec.get("eventSources");
            if (!sourcesField.present()) {
                sourcesField.error("is required");
            } else if (sourcesField.isList() && ((List<?>) sourcesField.raw()).isEmpty()) {
                sourcesField.warn("is empty: the Alert matches no event");
            }
            List<ObjectSelector> sources = sourcesField.list(entry -> readSource(entry, metadata.namespace()));
            Map<String, String> eventMetadata = new LinkedHashMap<>(spec.get("eventMetadata").stringMap());
            String summary = spec.get("summary").string();
            if (summary != null) {
                eventMetadata.put(SUMMARY_KEY, summary);
            }
            return new Spec(providerRef.object(LocalReference::read), severity, sources,
                    patterns(spec.get("inclusionList")), patterns(spec.get("exclusionList")),
                    Map.copyOf(eventMetadata), spec.get("suspend").bool());
        }

        /** Whether only error events are sent. */
        public boolean errorsOnly() {
            return ERROR.equals(eventSeverity);
        }

        private static ObjectSelector readSource(Node entry, String namespace) {
            ObjectSelector source = entry.object(item -> ObjectSelector.read(item, namespace));
            if (source != null && source.anyName() && entry.get("matchLabels").present()) {
                entry.get("matchLabels").notSupported("every " + source.kind() + " in namespace "
                        + source.namespace() + " matches, whatever its labels");
            }
            return source;
        }

        /**
         * Regular expressions in Go's syntax, as Flux reads them, each checked: a wrong one would send what
         * it was meant to keep out.
         */
        private static List<GoRegex> patterns(Node list) {
            return list.list(item -> GoRegex.read(item, null));
        }
    }
}
