package io.sluice.api.notification;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;

/**
 * A Flux Receiver (notification.toolkit.fluxcd.io v1; v1beta2 read the same way): a webhook that has
 * objects reconciled at once when a Git host or registry calls it. Its path, Flux's
 * {@code /hook/<sha256(token + name + namespace)>}, depends on the token in its Secret, so the
 * source-service computes it. A type Sluice does not serve is a warning: the Receiver is listed as not ready.
 */
public record Receiver(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<Receiver> KIND = Kind.configuration(ApiGroups.NOTIFICATION, "Receiver",
            List.of("v1", "v1beta2"), (metadata, spec) -> new Receiver(metadata, Spec.read(metadata, spec)));
    public static final String GENERIC = "generic";
    public static final String GENERIC_HMAC = "generic-hmac";
    /** Flux's only type without a secretRef: callers prove who they are with an OIDC token. */
    public static final String GENERIC_OIDC = "generic-oidc";
    /** Flux's types. */
    public static final List<String> TYPES = List.of(GENERIC, GENERIC_HMAC, GENERIC_OIDC, "github", "gitlab",
            "bitbucket", "harbor", "dockerhub", "quay", "gcr", "nexus", "acr", "cdevents");
    /** The types Sluice serves. */
    public static final List<String> SERVED_TYPES = List.of("github", "gitlab", "bitbucket", GENERIC, GENERIC_HMAC);
    /** Served types whose requests name no event: spec.events means nothing for them. */
    private static final List<String> TYPES_WITHOUT_EVENTS = List.of(GENERIC, GENERIC_HMAC);
    /** The apiVersion of a resources entry that names none, by kind (notification-controller's defaults). */
    public static final Map<String, String> DEFAULT_API_VERSIONS = Map.of(
            "Bucket", "source.toolkit.fluxcd.io/v1",
            "HelmChart", "source.toolkit.fluxcd.io/v1",
            "HelmRepository", "source.toolkit.fluxcd.io/v1",
            "GitRepository", "source.toolkit.fluxcd.io/v1",
            "OCIRepository", "source.toolkit.fluxcd.io/v1",
            "ImageRepository", "image.toolkit.fluxcd.io/v1",
            "ArtifactGenerator", "source.extensions.fluxcd.io/v1beta1");

    /**
     * @param type how a request proves it holds the token; Sluice serves the {@link #SERVED_TYPES}
     * @param events the events that count (e.g. {@code push}, {@code Push Hook}); empty: every event
     * @param secretRef the Secret whose {@code token} key is the webhook's token
     * @param resources the objects reconciled on a call, each with its apiVersion (defaulted by kind)
     */
    public record Spec(String type, List<String> events, LocalReference secretRef, List<ObjectSelector> resources,
            boolean suspend) {

        static Spec read(Metadata metadata, Node spec) {
            Node typeField = spec.get("type");
            String type = typeField.requiredOneOf(TYPES.toArray(String[]::new));
            if (type != null && !SERVED_TYPES.contains(type)) {
                // Valid Flux: the Receiver is listed, not ready, and its requests are refused.
                typeField.warn("'" + type + "' is not served by Sluice yet, its requests are refused (it serves "
                        + String.join(", ", SERVED_TYPES) + ")");
            }
            Node eventsField = spec.get("events");
            List<String> events = eventsField.strings();
            if (!events.isEmpty() && TYPES_WITHOUT_EVENTS.contains(type)) {
                eventsField.warn("is ignored: a " + type + " request names no event");
            }
            Node secretRef = spec.get("secretRef");
            if (!secretRef.present() && !GENERIC_OIDC.equals(type)) {
                secretRef.error("is required (for every type but generic-oidc)");
            }
            Node resourcesField = spec.get("resources");
            if (!resourcesField.present()) {
                resourcesField.error("is required");
            } else if (resourcesField.isList() && ((List<?>) resourcesField.raw()).isEmpty()) {
                resourcesField.error("must name at least one object to reconcile");
            }
            List<ObjectSelector> resources = resourcesField.list(entry -> entry.object(
                    item -> readResource(item, metadata.namespace())));
            spec.unsupported("every object spec.resources names is reconciled", "resourceFilter")
                    .unsupported(null, "oidcProviders")
                    // How often Flux re-reads the Secret: Sluice reads the token on every request.
                    .accepted("interval");
            return new Spec(type, events, secretRef.object(LocalReference::read), resources,
                    spec.get("suspend").bool());
        }

        private static ObjectSelector readResource(Node entry, String namespace) {
            entry.unsupported("every object the entry names is reconciled", "filter");
            ObjectSelector resource = ObjectSelector.read(entry, namespace);
            if (resource.apiVersion() == null && resource.kind() != null) {
                String version = DEFAULT_API_VERSIONS.get(resource.kind());
                if (version == null) {
                    entry.get("apiVersion").error("is required for kind '" + resource.kind() + "'");
                } else {
                    resource = resource.withApiVersion(version);
                }
            }
            if (resource.anyName() && !entry.get("matchLabels").present()) {
                entry.get("matchLabels").error("is required when name is '*'");
            }
            if (resource.apiVersion() != null && !ApiGroups.SOURCE.equals(resource.ref().group())) {
                entry.notSupported("a Receiver has only " + ApiGroups.SOURCE + " objects reconciled so far");
            }
            return resource;
        }
    }
}
