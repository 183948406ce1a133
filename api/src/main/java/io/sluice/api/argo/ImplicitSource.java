package io.sluice.api.argo;

import io.sluice.api.ObjectRef;
import io.sluice.api.source.ChartVersionRange;

/**
 * What one Argo CD source reads from: Applications name repositories inline ({@code repoURL}), so
 * Sluice fetches them as implicit sources, one per repository and revision (or chart and version)
 * however many Applications use them, under the ids of {@link ArgoSourceIds}. source-service
 * fetches them, render-service finds an Application's artifacts by them.
 */
public sealed interface ImplicitSource permits ImplicitSource.Git, ImplicitSource.HelmChart {

    /** The implicit source's id, as keyed on the topics. */
    ObjectRef ref();

    /**
     * A Git repository at a revision.
     *
     * @param url the URL to fetch (an scp-like address as the ssh:// URL it means)
     * @param revision the targetRevision trimmed; {@value ArgoSourceIds#HEAD} (the default branch) when not written
     */
    record Git(ObjectRef ref, String url, String revision) implements ImplicitSource {
    }

    /**
     * A chart of an http(s) Helm repository.
     *
     * @param repositoryUrl the repoURL, trimmed
     * @param version the targetRevision as a version constraint; any version ("*", the newest) when not written
     * @param repository the implicit Helm repository every chart of this repoURL shares
     */
    record HelmChart(ObjectRef ref, String repositoryUrl, String chart, ChartVersionRange version, ObjectRef repository)
            implements ImplicitSource {
    }
}
