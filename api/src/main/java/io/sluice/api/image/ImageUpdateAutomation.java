package io.sluice.api.image;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.LabelSelector;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.read.Node;
import io.sluice.api.source.SourceReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Flux ImageUpdateAutomation (image.toolkit.fluxcd.io v1; v1beta2 and v1beta1 read the same way):
 * at an interval, the newest tags the namespace's ImagePolicies chose are written into the files of a
 * GitRepository (where setter markers ask for them), committed and pushed.
 */
public record ImageUpdateAutomation(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<ImageUpdateAutomation> KIND = Kind.configuration(ApiGroups.IMAGE,
            "ImageUpdateAutomation", List.of("v1", "v1beta2", "v1beta1"),
            (metadata, spec) -> new ImageUpdateAutomation(metadata, Spec.read(metadata, spec)));
    private static final String GIT_REPOSITORY = "GitRepository";
    private static final String SETTERS = "Setters";

    /**
     * @param sourceRef the GitRepository written to (its kind is GitRepository when not written, as in Flux)
     * @param git how the change is checked out, committed and pushed (required: Flux fails without it)
     * @param update where in the repository files are updated, and how
     * @param interval how often the automation runs (required)
     * @param policySelector which ImagePolicies of the namespace count; empty: all of them (Flux's default)
     */
    public record Spec(SourceReference sourceRef, GitUpdate git, Update update, Duration interval, boolean suspend,
            LabelSelector policySelector) {

        static Spec read(Metadata metadata, Node spec) {
            Node sourceRef = spec.get("sourceRef");
            if (!sourceRef.present()) {
                sourceRef.error("is required");
            }
            Node git = spec.get("git");
            if (!git.present()) {
                git.error("is required (Flux needs it to update a GitRepository)");
            }
            return new Spec(sourceRef.object(ref -> readSourceRef(ref, metadata.namespace())),
                    git.object(node -> GitUpdate.read(node, metadata.version())),
                    spec.get("update").object(Update::read, Update.DEFAULT), spec.get("interval").requiredDuration(),
                    spec.get("suspend").bool(), spec.get("policySelector").object(LabelSelector::read,
                            new LabelSelector(Map.of(), List.of())));
        }

        /** Flux's CrossNamespaceSourceReference here: GitRepository is the only kind, and the default one. */
        private static SourceReference readSourceRef(Node ref, String namespace) {
            String kind = ref.get("kind").oneOf(GIT_REPOSITORY, GIT_REPOSITORY);
            ref.accepted("apiVersion");
            NamespacedReference named = NamespacedReference.read(ref, namespace);
            return new SourceReference(kind, named.name(), named.namespace());
        }
    }

    /**
     * Where the files are updated: {@code path} ("" when not written: the repository's root) with the
     * {@value #SETTERS} strategy (the only one Flux has, and its default).
     */
    public record Update(String path, String strategy) {
        static final Update DEFAULT = new Update("", SETTERS);

        static Update read(Node update) {
            String path = update.get("path").string();
            return new Update(path == null ? "" : path, update.get("strategy").oneOf(SETTERS, SETTERS));
        }
    }
}
