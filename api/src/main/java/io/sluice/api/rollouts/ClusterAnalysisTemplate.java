package io.sluice.api.rollouts;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import java.util.List;

/**
 * An Argo Rollouts ClusterAnalysisTemplate (argoproj.io v1alpha1): an AnalysisTemplate for Rollouts of
 * every namespace ({@code clusterScope: true} in their template references); cluster-scoped.
 */
public record ClusterAnalysisTemplate(Metadata metadata, AnalysisTemplate.Spec spec) implements Resource {
    public static final Kind<ClusterAnalysisTemplate> KIND = Kind.manifest(ApiGroups.ARGO, "ClusterAnalysisTemplate",
            List.of("v1alpha1"), (metadata, spec) -> new ClusterAnalysisTemplate(metadata,
                    AnalysisTemplate.Spec.read(spec))).clusterScoped().notActedOnYet("no Rollout controller runs yet");
}
