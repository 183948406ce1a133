package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sluice.apply.cluster.ApiWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Deletes one object so that it can be created again (a hook before its next run, an object whose
 * immutable fields changed) and waits until it is gone; its dependents go in the background.
 */
@ApplicationScoped
class ObjectRemoval {
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);

    private final ApiWrites writes;

    ObjectRemoval(ApiWrites writes) {
        this.writes = writes;
    }

    /** @throws IllegalStateException when it is still there after the timeout (a finalizer holds it) */
    void deleteAndWait(String appId, Resource<GenericKubernetesResource> endpoint) {
        writes.count(appId, ApiWrites.DELETE);
        endpoint.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        long end = System.nanoTime() + GONE_TIMEOUT.toNanos();
        while (endpoint.get() != null) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("still being deleted after " + GONE_TIMEOUT.toSeconds()
                        + " s, cannot create it again");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for its deletion", e);
            }
        }
    }
}
