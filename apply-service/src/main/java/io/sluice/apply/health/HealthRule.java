package io.sluice.apply.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.apply.health.HealthAssessor.Health;

/**
 * The health rule of one kind, one class each as gitops-engine has one file per kind
 * ({@code health_deployment.go}, {@code health_pod.go}, ...); {@link HealthAssessor} picks it by the
 * object's group and kind.
 */
interface HealthRule {
    /** The health of {@code live}, an existing object of the rule's kind. */
    Health assess(GenericKubernetesResource live);
}
