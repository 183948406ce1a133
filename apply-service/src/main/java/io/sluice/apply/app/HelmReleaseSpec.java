package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.apply.diff.DiffOptions;
import io.sluice.apply.sync.SyncOptions;
import io.sluice.apply.sync.TargetNamespace;
import io.sluice.events.ConfigDocument;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads a Flux HelmRelease. Its objects go to spec.targetNamespace, else the HelmRelease's own
 * namespace (the release namespace fills in objects that name none, as Helm does), created only
 * with spec.install.createNamespace. What the release no longer renders is always deleted, as a
 * Helm upgrade does; changes made in the cluster are corrected only with
 * spec.driftDetection.mode: enabled (Flux's default is no drift detection).
 */
final class HelmReleaseSpec implements AppSpec.Reader {
    static final String GROUP = "helm.toolkit.fluxcd.io";
    static final String KIND = "HelmRelease";
    /** Flux's default spec.timeout of a HelmRelease: how long Helm waits for its objects. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final Duration defaultInterval;

    HelmReleaseSpec(Duration defaultInterval) {
        this.defaultInterval = defaultInterval;
    }

    @Override
    public AppSpec read(ConfigDocument doc) {
        SpecFields spec = new SpecFields(doc);
        String target = spec.text("targetNamespace");
        String namespace = target != null ? target : doc.ref().namespace();
        String field = target != null ? "spec.targetNamespace" : "metadata.namespace";
        boolean create = spec.flag("install.createNamespace");
        Duration interval = spec.duration("interval", defaultInterval);
        return new AppSpec(new TargetNamespace(namespace, false, create, field, Map.of(), Map.of()), true,
                "enabled".equals(spec.text("driftDetection.mode")), true, spec.flag("suspend"), interval, interval,
                DeletionPropagation.BACKGROUND,
                syncOptions(spec), diffOptions(spec), readiness(spec, doc), destination(spec, doc));
    }

    /**
     * spec.upgrade.force: objects whose immutable fields changed are recreated, as Helm's
     * replacing upgrade does. A release that renders nothing deletes nothing.
     */
    private static SyncOptions syncOptions(SpecFields spec) {
        return new SyncOptions(false, spec.flag("upgrade.force"), false);
    }

    /** Which differences do not count. */
    private static DiffOptions diffOptions(SpecFields spec) {
        return DiffOptions.NONE;
    }

    /**
     * What the release waits for before and after it is applied: spec.dependsOn (other
     * HelmReleases), and, as Helm's install and upgrade do unless spec.install.disableWait or
     * spec.upgrade.disableWait, every object healthy within spec.timeout (Flux's default: 5m).
     */
    private static Readiness readiness(SpecFields spec, ConfigDocument doc) {
        boolean wait = !spec.flag("install.disableWait") && !spec.flag("upgrade.disableWait");
        return new Readiness(ReadinessFields.fluxDependsOn(spec, doc), wait, List.of(),
                spec.duration("timeout", DEFAULT_TIMEOUT), null);
    }

    /**
     * The cluster its objects go to: the cluster Sluice runs in, or with spec.kubeConfig.secretRef
     * that of the kubeconfig in that Secret of the application's namespace.
     */
    private static Destination destination(SpecFields spec, ConfigDocument doc) {
        return Destination.ofKubeConfig(spec, doc.ref().namespace());
    }
}
