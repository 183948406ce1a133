package io.sluice.render;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/** The {@code sluice.render.*} options; defaults are in application.properties. */
@ConfigMapping(prefix = "sluice.render")
public interface RenderSettings {
    /** The command that builds a kustomization folder, given as its last argument. */
    String kustomizeCommand();

    /** Time limit of an artifact download and of a kustomize build. */
    Duration timeout();

    MemorySize maxArtifactSize();

    MemorySize maxExtractedSize();

    /** The most a kustomize build may print; a build that prints more is stopped and fails. */
    MemorySize maxOutputSize();

    /** Whether kustomizations may name remote bases (Git URLs); then kustomize runs with network access. */
    boolean allowRemoteBases();

    /** How often Kustomizations with substituteFrom are checked for changed ConfigMaps and Secrets. */
    Duration variablesRescan();

    /** How many renders run at once; unset: the number of cores. Never fewer than 2, so one slow render cannot stall all. */
    Optional<Integer> workers();

    /** The Kubernetes version Helm charts are rendered for (.Capabilities.KubeVersion): the cluster's. */
    String kubeVersion();
}
