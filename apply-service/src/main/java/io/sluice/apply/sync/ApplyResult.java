package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.events.ObjectRef;
import java.util.List;

/** What applying one bundle did: the objects now live, and the ones the cluster refused, each named. */
public record ApplyResult(List<Applied> applied, List<Failure> failures) {

    public enum Change {
        CREATED, CONFIGURED, UNCHANGED
    }

    /** An object as the cluster holds it after the apply, with its final namespace in {@code ref}. */
    public record Applied(ObjectRef ref, GenericKubernetesResource live, Change change) {
    }

    /** An object that could not be applied; {@code ref} is null when the object is too malformed to name. */
    public record Failure(ObjectRef ref, String message) {
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    public long count(Change change) {
        return applied.stream().filter(a -> a.change() == change).count();
    }
}
