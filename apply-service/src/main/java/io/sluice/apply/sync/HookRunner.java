package io.sluice.apply.sync;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sluice.api.SluiceMarks;
import io.sluice.api.argo.ArgoAnnotations;
import io.sluice.api.status.HealthCode;
import io.sluice.apply.cluster.ApiWrites;
import io.sluice.apply.cluster.AppClusters;
import io.sluice.apply.health.HealthAssessor;
import io.sluice.apply.sync.ApplyResult.Applied;
import io.sluice.apply.sync.ApplyResult.Change;
import io.sluice.apply.sync.BundleApplier.Target;
import io.sluice.apply.sync.ObjectSyncOptions.DeletePolicy;
import io.sluice.events.AppStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Runs Argo CD hooks: objects annotated {@value ArgoAnnotations#HOOK} are created once per sync
 * operation (never on a drift correction, so an unchanged application still costs no write),
 * deleted first when their delete policy is BeforeHookCreation (the default), and deleted once
 * they succeeded or failed when it says HookSucceeded or HookFailed. Whether a hook is done is the
 * {@link WaveGate}'s call, from its health (a Job: Complete).
 */
@ApplicationScoped
class HookRunner {
    private final AppClusters clusters;
    private final ApiWrites writes;
    private final ObjectRemoval removal;
    private final HookLedger ledger;

    HookRunner(AppClusters clusters, ApiWrites writes, ObjectRemoval removal, HookLedger ledger) {
        this.clusters = clusters;
        this.writes = writes;
        this.removal = removal;
        this.ledger = ledger;
    }

    /** Creates the hook, unless this operation already did: then it only reads how it is doing. */
    Applied start(Target hook, String appId, String operation) {
        Resource<GenericKubernetesResource> endpoint = clusters.of(appId).objects().resource(hook.context(),
                hook.object());
        if (ledger.started(appId, operation, hook.ref().id())) {
            return new Applied(hook.ref(), endpoint.get(), Change.UNCHANGED, List.of());
        }
        if (hook.options().deletePolicies().contains(DeletePolicy.BEFORE_HOOK_CREATION) && endpoint.get() != null) {
            removal.deleteAndWait(appId, endpoint);
        }
        writes.count(appId, ApiWrites.APPLY);
        GenericKubernetesResource live = endpoint.fieldManager(SluiceMarks.FIELD_MANAGER).forceConflicts()
                .serverSideApply();
        ledger.start(appId, operation, hook.ref().id());
        return new Applied(hook.ref(), live, Change.CREATED, List.of());
    }

    /** Deletes the hooks of a finished step whose delete policy asks for it, given how each ended. */
    void finish(List<Target> hooks, String appId, boolean stepFailed) {
        for (Target hook : hooks) {
            Resource<GenericKubernetesResource> endpoint = clusters.of(appId).objects().resource(hook.context(),
                    hook.object());
            GenericKubernetesResource live = endpoint.get();
            if (live == null) {
                continue;
            }
            HealthCode health = HealthAssessor.assess(live).status();
            boolean succeeded = HealthCode.HEALTHY.equals(health);
            if (succeeded && hook.options().deletePolicies().contains(DeletePolicy.HOOK_SUCCEEDED)
                    || !succeeded && stepFailed && hook.options().deletePolicies().contains(DeletePolicy.HOOK_FAILED)) {
                writes.count(appId, ApiWrites.DELETE);
                endpoint.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            }
        }
    }
}
