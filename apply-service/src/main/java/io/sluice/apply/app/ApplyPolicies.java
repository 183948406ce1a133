package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.api.Kind;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.argo.Application;
import io.sluice.api.argo.Destination;
import io.sluice.api.argo.SyncOptions;
import io.sluice.api.argo.SyncPolicy;
import io.sluice.api.helm.DriftDetectionMode;
import io.sluice.api.helm.HelmRelease;
import io.sluice.api.kustomize.Kustomization;
import io.sluice.api.meta.KindReference;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.meta.SecretKeyReference;
import io.sluice.api.read.ReadResult;
import io.sluice.apply.app.ApplyPolicy.Automation;
import io.sluice.apply.diff.DiffOptions;
import io.sluice.apply.diff.IgnoreRule;
import io.sluice.apply.history.SyncHistory;
import io.sluice.apply.sync.AppSyncRules;
import io.sluice.apply.sync.TargetNamespace;
import io.sluice.events.ConfigDocument;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds each application's {@link ApplyPolicy} from its typed kind, read through the api: the one
 * place that knows which field of a Kustomization, HelmRelease or Argo CD Application decides what.
 * Documents on sluice.config were checked by source-service; one that does not read (published by an
 * older version, or straight onto Kafka) is refused with every error, naming file, object and field.
 */
@ApplicationScoped
public class ApplyPolicies {
    private final Duration argoInterval;

    /**
     * {@code argoInterval} stands in for the interval an Argo CD Application does not have (Argo CD's
     * timeout.reconciliation): how often it is reconciled, and its drift corrected with selfHeal.
     */
    ApplyPolicies(@ConfigProperty(name = "sluice.apply.argo-interval") Duration argoInterval) {
        this.argoInterval = argoInterval;
    }

    /**
     * The policy of an application's document.
     *
     * @throws IllegalArgumentException naming the file, the object and each field at fault
     */
    ApplyPolicy read(ConfigDocument doc) {
        if (Kustomization.KIND.matches(doc.ref())) {
            return kustomization(valid(doc, Kustomization.KIND));
        }
        if (HelmRelease.KIND.matches(doc.ref())) {
            return helmRelease(valid(doc, HelmRelease.KIND));
        }
        if (Application.KIND.matches(doc.ref())) {
            ReadResult<Application> read = doc.read(Application.KIND);
            Application application = read.orElseThrow();
            try {
                return application(application);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(read.where() + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(doc.origin() + ": " + doc.ref().display() + " is not an application");
    }

    /** The policy of a document, or null when it does not read. */
    ApplyPolicy readIfValid(ConfigDocument doc) {
        try {
            return read(doc);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T extends Resource> T valid(ConfigDocument doc, Kind<T> kind) {
        return doc.read(kind).orElseThrow();
    }

    /**
     * A Flux Kustomization: spec.targetNamespace replaces every namespace and is always created;
     * Flux always corrects drift (on the interval and when watched objects change), deletes in the
     * background, and never lets an empty build prune (it has no allowEmpty); objects annotated
     * {@value Kustomization#PRUNE_ANNOTATION}: disabled are left in place and dropped from the
     * inventory. Failures are retried after spec.retryInterval without limit.
     */
    private static ApplyPolicy kustomization(Kustomization kustomization) {
        Kustomization.Spec spec = kustomization.spec();
        String namespace = kustomization.metadata().namespace();
        Readiness readiness = new Readiness(dependencies(Kustomization.KIND, spec.dependsOn()), spec.waitForAll(),
                spec.healthChecks().stream().map(KindReference::ref).toList(), spec.timeout(), null);
        boolean correctsDrift = true;
        return new ApplyPolicy(TargetNamespace.overriding(spec.build().targetNamespace()),
                Automation.everyRevision(spec.prune(), correctsDrift), spec.suspend(), spec.interval(),
                spec.retryInterval(), DeletionPropagation.BACKGROUND, AppSyncRules.flux(spec.force()), DiffOptions.NONE,
                readiness,
                kubeConfig(namespace, spec.kubeConfig()), SyncHistory.DEFAULT_LIMIT,
                DeletionPolicy.ofPrune(spec.prune()));
    }

    /**
     * A Flux HelmRelease: its objects go to the release namespace (spec.targetNamespace, else its own),
     * which fills in objects that name none, as Helm does, and is created only with
     * spec.install.createNamespace. What the release no longer renders is always deleted, as a Helm
     * upgrade does, but a release that renders nothing deletes nothing; changes made in the cluster
     * are corrected only with spec.driftDetection.mode: enabled. spec.upgrade.force recreates objects
     * whose immutable fields changed, as Helm's replacing upgrade does. As Helm's install and upgrade
     * do, it waits for every object to be healthy within spec.timeout unless told not to.
     */
    private static ApplyPolicy helmRelease(HelmRelease release) {
        HelmRelease.Spec spec = release.spec();
        String field = spec.targetNamespace() != null ? "spec.targetNamespace" : "metadata.namespace";
        TargetNamespace namespace = new TargetNamespace(release.releaseNamespace(), false,
                spec.install().createNamespace(), field, Map.of(), Map.of());
        Readiness readiness = new Readiness(dependencies(HelmRelease.KIND, spec.dependsOn()), spec.waitForObjects(),
                List.of(), spec.timeout(), null);
        boolean prunesWhatLeftTheRelease = true;
        return new ApplyPolicy(namespace, Automation.everyRevision(prunesWhatLeftTheRelease,
                spec.driftDetection() == DriftDetectionMode.ENABLED), spec.suspend(), spec.interval(), spec.interval(),
                DeletionPropagation.BACKGROUND, AppSyncRules.flux(spec.upgrade().force()), DiffOptions.NONE, readiness,
                kubeConfig(release.metadata().namespace(), spec.kubeConfig()), SyncHistory.DEFAULT_LIMIT,
                DeletionPolicy.ofPrune(true));
    }

    /**
     * An Argo CD Application: spec.destination (the cluster; its namespace fills in objects that name
     * none, created with CreateNamespace=true and managedNamespaceMetadata); without
     * syncPolicy.automated nothing is applied but by a user's sync command; automated.prune,
     * selfHeal and allowEmpty; Replace=true or Force=true recreate objects whose immutable fields
     * changed; PrunePropagationPolicy (foreground by default); ignoreDifferences with
     * RespectIgnoreDifferences. PruneLast, ServerSideApply and ApplyOutOfSyncOnly need nothing:
     * Sluice always applies server-side, prunes last and writes only what is out of sync. Objects
     * opted out of prune stay in the inventory, OutOfSync and requiring pruning, as Argo CD shows
     * them. Argo CD does not wait for health after a sync; syncPolicy.retry spaces and limits retries.
     *
     * @throws IllegalArgumentException naming the field of a jq expression that does not compile
     */
    private ApplyPolicy application(Application application) {
        Application.Spec spec = application.spec();
        SyncPolicy policy = spec.syncPolicy();
        SyncOptions options = policy.syncOptions();
        Destination destination = spec.destination();
        SyncPolicy.ManagedNamespaceMetadata managed = policy.managedNamespaceMetadata();
        TargetNamespace namespace = destination.namespace() == null ? null : new TargetNamespace(
                destination.namespace(), false, options.createNamespace(), "spec.destination.namespace",
                managed == null ? Map.of() : managed.labels(), managed == null ? Map.of() : managed.annotations());
        Readiness readiness = new Readiness(dependencies(Application.KIND, spec.dependsOn()), false, List.of(), null,
                policy.retry());
        boolean suspendedBySpec = false;
        return new ApplyPolicy(namespace, new Automation(policy.automated(), policy.prune(), policy.selfHeal()),
                suspendedBySpec, argoInterval, policy.retry() == null ? argoInterval : policy.retry().duration(),
                propagation(options.prunePropagationPolicy()),
                AppSyncRules.argo(policy.allowEmpty(), options.replace() || options.force()),
                new DiffOptions(options.respectIgnoreDifferences(), IgnoreRule.of(spec.ignoreDifferences())),
                readiness, new ClusterTarget(destination, null), spec.revisionHistoryLimit(),
                DeletionPolicy.ofFinalizers(spec.cascade()));
    }

    private static List<ObjectRef> dependencies(Kind<?> kind, List<NamespacedReference> dependsOn) {
        return dependsOn.stream().map(ref -> kind.ref(ref.namespace(), ref.name())).toList();
    }

    /** The cluster of spec.kubeConfig.secretRef, a Secret of the application's namespace; without it, Sluice's own. */
    private static ClusterTarget kubeConfig(String namespace, SecretKeyReference secret) {
        return secret == null ? ClusterTarget.IN_CLUSTER : new ClusterTarget(null,
                new ClusterTarget.KubeConfigSecret(namespace, secret.name(), secret.key()));
    }

    private static DeletionPropagation propagation(SyncOptions.PropagationPolicy policy) {
        return switch (policy) {
            case FOREGROUND -> DeletionPropagation.FOREGROUND;
            case BACKGROUND -> DeletionPropagation.BACKGROUND;
            case ORPHAN -> DeletionPropagation.ORPHAN;
        };
    }
}
