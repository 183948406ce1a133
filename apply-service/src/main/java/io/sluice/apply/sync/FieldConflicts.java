package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sluice.api.kustomize.Kustomization;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides what a 409 from a server-side apply means. Sluice applies without forcing first. A
 * conflict with a manager that only ever <em>updated</em> the field (kubectl edit, scale, a
 * client-side apply) is drift: Git wins and the apply is forced, as Flux's Override and Argo CD's
 * self-heal do. A conflict with another <em>Apply</em> manager is a second declarative owner of the
 * same field (another GitOps tool, a person's {@code kubectl apply --server-side}): fighting it
 * would flap forever, so Sluice reports it, naming the manager and the field, and leaves the object
 * as it is. With Flux's {@code ssa: Merge} no conflict is ever forced.
 */
final class FieldConflicts {
    private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]+)\"");

    /** One field another manager holds with a different value. */
    record Conflict(String manager, String field, boolean declarative) {
        String describe() {
            return field + " is owned by field manager \"" + manager + "\"" + (declarative ? " (server-side apply)" : "");
        }
    }

    static boolean isConflict(KubernetesClientException e) {
        return e.getCode() == 409 && e.getStatus() != null && e.getStatus().getDetails() != null
                && e.getStatus().getDetails().getCauses() != null && !e.getStatus().getDetails().getCauses().isEmpty();
    }

    /** The conflicts of a 409 with what {@code live} says of each manager. */
    static List<Conflict> of(KubernetesClientException e, GenericKubernetesResource live) {
        List<Conflict> conflicts = new ArrayList<>();
        for (StatusCause cause : e.getStatus().getDetails().getCauses()) {
            Matcher m = MANAGER.matcher(String.valueOf(cause.getMessage()));
            String manager = m.find() ? m.group(1) : "?";
            conflicts.add(new Conflict(manager, cause.getField(), applies(live, manager)));
        }
        return conflicts;
    }

    /** Whether the conflicts may be overridden under {@code policy}: only drift made by updates, never under Merge. */
    static boolean mayForce(List<Conflict> conflicts, ObjectSyncOptions.SsaPolicy policy) {
        return policy != ObjectSyncOptions.SsaPolicy.MERGE && conflicts.stream().noneMatch(Conflict::declarative);
    }

    /** The message of a conflict that is not overridden: every field and its owner. */
    static String message(List<Conflict> conflicts, ObjectSyncOptions.SsaPolicy policy) {
        String fields = conflicts.stream().map(Conflict::describe).collect(Collectors.joining(", "));
        return "conflict: " + fields + "; " + (policy == ObjectSyncOptions.SsaPolicy.MERGE
                ? "annotated " + Kustomization.SSA_ANNOTATION + ": Merge, so Sluice does not take fields of other managers"
                : "Sluice does not take fields from another server-side apply owner: remove them from one of the two");
    }

    private static boolean applies(GenericKubernetesResource live, String manager) {
        List<ManagedFieldsEntry> entries = live == null || live.getMetadata().getManagedFields() == null ? List.of()
                : live.getMetadata().getManagedFields();
        return entries.stream().anyMatch(f -> manager.equals(f.getManager()) && "Apply".equals(f.getOperation()));
    }

    private FieldConflicts() {
    }
}
