package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sluice.api.ObjectRef;
import java.util.List;

/**
 * What applying one bundle did (or, in a dry run, would do): the objects now live, and the ones
 * the cluster refused, each named; the hooks it ran (never part of the inventory); and, when it
 * stopped before a later sync wave, what it waits for (null when it went through).
 */
public record ApplyResult(List<Applied> applied, List<Failure> failures, List<Applied> hooks, String waitingFor) {

    public ApplyResult(List<Applied> applied, List<Failure> failures) {
        this(applied, failures, List.of(), null);
    }

    public enum Change {
        CREATED, CONFIGURED, UNCHANGED
    }

    /**
     * An object as the cluster holds it after the apply (in a dry run: before it; null when it does
     * not exist), with its final namespace in {@code ref}, and the JSON pointers at which the live
     * object differed from Git before the apply (empty when it was created or unchanged).
     */
    public record Applied(ObjectRef ref, GenericKubernetesResource live, Change change, List<String> differences) {
    }

    /** An object that could not be applied; {@code ref} is null when the object is too malformed to name. */
    public record Failure(ObjectRef ref, String message) {
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    /** Whether it stopped, without failing, before a step whose predecessor is not healthy yet. */
    public boolean waiting() {
        return waitingFor != null && failures.isEmpty();
    }

    public long count(Change change) {
        return applied.stream().filter(a -> a.change() == change).count();
    }
}
