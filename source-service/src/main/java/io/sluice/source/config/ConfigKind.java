package io.sluice.source.config;

import static io.sluice.source.config.DocumentFields.requiredDuration;
import static io.sluice.source.config.DocumentFields.requiredList;
import static io.sluice.source.config.DocumentFields.requiredString;

import io.sluice.api.ObjectRef;
import io.sluice.source.git.GitRepositorySpec;
import io.sluice.source.helm.HelmRepositorySpec;
import io.sluice.source.webhook.ReceiverSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The configuration kinds Sluice reads, with their Flux or Argo CD API group and the fields the
 * services rely on. A document of any other kind is reported, not published.
 */
public enum ConfigKind {
    GIT_REPOSITORY("GitRepository", Groups.SOURCE,
            GitRepositorySpec::parseUrl, GitRepositorySpec::parseReference, GitRepositorySpec::parseInterval,
            GitRepositorySpec::parseSuspend, GitRepositorySpec::parseTimeout, GitRepositorySpec::parseSecretRef),
    HELM_REPOSITORY("HelmRepository", Groups.SOURCE, HelmRepositorySpec::parseUrl),
    KUSTOMIZATION("Kustomization", Groups.KUSTOMIZE,
            doc -> requiredString(doc, "spec.sourceRef.kind"),
            doc -> requiredString(doc, "spec.sourceRef.name"),
            doc -> requiredDuration(doc, "spec.interval")),
    HELM_RELEASE("HelmRelease", Groups.HELM),
    APPLICATION("Application", Groups.ARGO),
    APPLICATION_SET("ApplicationSet", Groups.ARGO),
    APP_PROJECT("AppProject", Groups.ARGO),
    IMAGE_REPOSITORY("ImageRepository", Groups.IMAGE, doc -> requiredString(doc, "spec.image")),
    IMAGE_POLICY("ImagePolicy", Groups.IMAGE),
    IMAGE_UPDATE_AUTOMATION("ImageUpdateAutomation", Groups.IMAGE),
    PROVIDER("Provider", Groups.NOTIFICATION, doc -> requiredString(doc, "spec.type")),
    ALERT("Alert", Groups.NOTIFICATION,
            doc -> requiredString(doc, "spec.providerRef.name"),
            doc -> requiredList(doc, "spec.eventSources")),
    RECEIVER("Receiver", Groups.NOTIFICATION,
            ReceiverSpec::parseType, ReceiverSpec::parseSecretName, ReceiverSpec::parseResources);

    private final String kind;
    private final String group;
    private final List<Consumer<Map<String, Object>>> checks;

    @SafeVarargs
    ConfigKind(String kind, String group, Consumer<Map<String, Object>>... checks) {
        this.kind = kind;
        this.group = group;
        this.checks = List.of(checks);
    }

    public String kind() {
        return kind;
    }

    public String group() {
        return group;
    }

    /** The kind of {@code ref} when Sluice reads it: same kind name and same API group. */
    public static Optional<ConfigKind> of(ObjectRef ref) {
        return Arrays.stream(values())
                .filter(k -> k.kind.equals(ref.kind()) && k.group.equals(ref.group()))
                .findFirst();
    }

    /** Every problem with the fields this kind relies on, each naming its field; empty when the document is usable. */
    public List<String> problems(Map<String, Object> document) {
        List<String> problems = new ArrayList<>();
        for (Consumer<Map<String, Object>> check : checks) {
            try {
                check.accept(document);
            } catch (InvalidFieldException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private static final class Groups {
        static final String SOURCE = "source.toolkit.fluxcd.io";
        static final String KUSTOMIZE = "kustomize.toolkit.fluxcd.io";
        static final String HELM = "helm.toolkit.fluxcd.io";
        static final String ARGO = "argoproj.io";
        static final String IMAGE = "image.toolkit.fluxcd.io";
        static final String NOTIFICATION = "notification.toolkit.fluxcd.io";
    }
}
