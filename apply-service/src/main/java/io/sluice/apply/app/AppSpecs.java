package io.sluice.apply.app;

import io.sluice.apply.diff.DiffOptions;
import io.sluice.apply.sync.SyncOptions;
import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Which documents are applications, and the reader of each kind. */
@ApplicationScoped
public class AppSpecs {
    private final Map<String, AppSpec.Reader> readers;

    AppSpecs(@ConfigProperty(name = "sluice.apply.default-interval") Duration defaultInterval,
            @ConfigProperty(name = "sluice.apply.argo-interval") Duration argoInterval) {
        readers = Map.of(
                KustomizationSpec.GROUP + "/" + KustomizationSpec.KIND, new KustomizationSpec(defaultInterval),
                HelmReleaseSpec.GROUP + "/" + HelmReleaseSpec.KIND, new HelmReleaseSpec(defaultInterval),
                ArgoApplicationSpec.GROUP + "/" + ArgoApplicationSpec.KIND, new ArgoApplicationSpec(argoInterval));
    }

    /** Whether {@code ref} is a Flux Kustomization or HelmRelease or an Argo CD Application. */
    static boolean isApplication(ObjectRef ref) {
        return ref != null && (KustomizationSpec.isKustomization(ref)
                || HelmReleaseSpec.KIND.equals(ref.kind()) && HelmReleaseSpec.GROUP.equals(ref.group())
                || ArgoApplicationSpec.KIND.equals(ref.kind()) && ArgoApplicationSpec.GROUP.equals(ref.group()));
    }

    /**
     * @throws IllegalArgumentException naming the file and field when a field is invalid
     */
    AppSpec read(ConfigDocument doc) {
        AppSpec.Reader reader = readers.get(doc.ref().group() + "/" + doc.ref().kind());
        if (reader == null) {
            throw new IllegalArgumentException(doc.origin() + ": " + doc.ref().display() + " is not an application");
        }
        return reader.read(doc);
    }

    /** The spec of a document, or one that neither prunes nor suspends when the document is invalid. */
    AppSpec readOrInert(ConfigDocument doc) {
        try {
            return read(doc);
        } catch (IllegalArgumentException e) {
            return new AppSpec(null, false, false, false, false, null, null, null, SyncOptions.DEFAULTS,
                    DiffOptions.NONE, Readiness.NONE, Destination.IN_CLUSTER);
        }
    }
}
