package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.apply.diff.DiffOptions;
import io.sluice.apply.sync.SyncOptions;
import io.sluice.apply.sync.TargetNamespace;
import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import java.time.Duration;

/**
 * Reads a Flux Kustomization: spec.targetNamespace (replaces every namespace, always created),
 * spec.prune, spec.suspend, spec.interval (how often drift is checked and corrected even when
 * nothing announces a change) and spec.retryInterval (the first wait after a failed apply;
 * Flux's default is the interval). Flux always corrects drift and deletes in the background.
 */
final class KustomizationSpec implements AppSpec.Reader {
    static final String GROUP = "kustomize.toolkit.fluxcd.io";
    static final String KIND = "Kustomization";

    private final Duration defaultInterval;

    /** {@code defaultInterval} stands in for a missing spec.interval (Flux requires one). */
    KustomizationSpec(Duration defaultInterval) {
        this.defaultInterval = defaultInterval;
    }

    static boolean isKustomization(ObjectRef ref) {
        return ref != null && KIND.equals(ref.kind()) && GROUP.equals(ref.group());
    }

    @Override
    public AppSpec read(ConfigDocument doc) {
        SpecFields spec = new SpecFields(doc);
        Duration interval = spec.duration("interval", defaultInterval);
        return new AppSpec(TargetNamespace.overriding(spec.text("targetNamespace")), spec.flag("prune"), true, true,
                spec.flag("suspend"), interval, spec.duration("retryInterval", interval),
                DeletionPropagation.BACKGROUND,
                syncOptions(spec), diffOptions(spec), readiness(spec, doc, interval), destination(spec, doc));
    }

    /**
     * spec.force: objects whose immutable fields changed are deleted and created again. Flux has no
     * allowEmpty: Sluice never lets an empty build prune a Kustomization's objects (the safety rule
     * of DESIGN.md), and objects annotated {@code kustomize.toolkit.fluxcd.io/prune: disabled} are
     * left in place and dropped from the inventory, as Flux does.
     */
    private static SyncOptions syncOptions(SpecFields spec) {
        return new SyncOptions(false, spec.flag("force"), false);
    }

    /** Which differences do not count. */
    private static DiffOptions diffOptions(SpecFields spec) {
        return DiffOptions.NONE;
    }

    /**
     * What the application waits for before and after it is applied: spec.dependsOn, spec.wait,
     * spec.healthChecks and spec.timeout (Flux's default: the interval). Failures are retried
     * after spec.retryInterval without limit, as Flux does.
     */
    private static Readiness readiness(SpecFields spec, ConfigDocument doc, Duration interval) {
        return new Readiness(ReadinessFields.fluxDependsOn(spec, doc), spec.flag("wait"),
                ReadinessFields.healthChecks(spec), spec.duration("timeout", interval), null);
    }

    /**
     * The cluster its objects go to: the cluster Sluice runs in, or with spec.kubeConfig.secretRef
     * that of the kubeconfig in that Secret of the application's namespace.
     */
    private static Destination destination(SpecFields spec, ConfigDocument doc) {
        return Destination.ofKubeConfig(spec, doc.ref().namespace());
    }
}
