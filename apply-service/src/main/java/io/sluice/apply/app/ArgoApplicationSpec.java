package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.apply.diff.DiffOptions;
import io.sluice.apply.diff.IgnoreDifferencesSpec;
import io.sluice.apply.sync.SyncOptions;
import io.sluice.apply.sync.TargetNamespace;
import io.sluice.events.ConfigDocument;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an Argo CD Application: spec.destination (server or name: the cluster, see
 * {@link Destination}; its namespace fills in objects that name none), spec.syncPolicy.automated (without it nothing is
 * applied but by a user's sync command; prune and selfHeal), syncOptions CreateNamespace=true
 * (with spec.syncPolicy.managedNamespaceMetadata) and PrunePropagationPolicy (Argo CD's default
 * is foreground), and spec.syncPolicy.retry.backoff.duration as the first retry. Argo CD has no
 * interval in the Application: the service's {@code sluice.apply.argo-interval} stands in for
 * its reconciliation timeout. spec.ignoreDifferences and RespectIgnoreDifferences=true are read
 * into {@link DiffOptions}; ApplyOutOfSyncOnly=true needs nothing: Sluice only ever writes objects
 * that are out of sync.
 */
final class ArgoApplicationSpec implements AppSpec.Reader {
    static final String GROUP = "argoproj.io";
    static final String KIND = "Application";

    private final Duration interval;

    ArgoApplicationSpec(Duration interval) {
        this.interval = interval;
    }

    @Override
    public AppSpec read(ConfigDocument doc) {
        SpecFields spec = new SpecFields(doc);
        List<String> options = spec.strings("syncPolicy.syncOptions");
        String namespace = spec.text("destination.namespace");
        TargetNamespace target = namespace == null ? null : new TargetNamespace(namespace, false,
                option(options, "CreateNamespace").map("true"::equalsIgnoreCase).orElse(false),
                "spec.destination.namespace", spec.stringMap("syncPolicy.managedNamespaceMetadata.labels"),
                spec.stringMap("syncPolicy.managedNamespaceMetadata.annotations"));
        boolean automated = spec.at("syncPolicy.automated") != null;
        return new AppSpec(target, automated && spec.flag("syncPolicy.automated.prune"),
                automated && spec.flag("syncPolicy.automated.selfHeal"), automated, false, interval,
                spec.duration("syncPolicy.retry.backoff.duration",
                        spec.at("syncPolicy.retry") == null ? interval : ReadinessFields.ARGO_BACKOFF_DURATION),
                propagation(spec, options),
                syncOptions(spec), diffOptions(spec), readiness(spec, doc), destination(spec));
    }

    private static DeletionPropagation propagation(SpecFields spec, List<String> options) {
        String value = option(options, "PrunePropagationPolicy").orElse("foreground");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "foreground" -> DeletionPropagation.FOREGROUND;
            case "background" -> DeletionPropagation.BACKGROUND;
            case "orphan" -> DeletionPropagation.ORPHAN;
            default -> throw spec.invalid("syncPolicy.syncOptions", "PrunePropagationPolicy=" + value
                    + " must be foreground, background or orphan");
        };
    }

    /** The value of a "Key=value" sync option, if present. */
    private static Optional<String> option(List<String> options, String key) {
        return options.stream().filter(o -> o.startsWith(key + "=")).map(o -> o.substring(key.length() + 1).trim())
                .findFirst();
    }

    /**
     * syncPolicy.automated.allowEmpty lets an empty bundle prune everything; syncOptions
     * Replace=true or Force=true recreate objects whose immutable fields changed. PruneLast=true
     * and ServerSideApply=true need nothing: Sluice always applies server-side and prunes last.
     * Objects opted out of prune (Prune=false, Delete=false) stay in the inventory, OutOfSync and
     * requiring pruning, as Argo CD shows them.
     */
    private static SyncOptions syncOptions(SpecFields spec) {
        List<String> options = spec.strings("syncPolicy.syncOptions");
        boolean force = option(options, "Replace").map("true"::equalsIgnoreCase).orElse(false)
                || option(options, "Force").map("true"::equalsIgnoreCase).orElse(false);
        return new SyncOptions(spec.at("syncPolicy.automated") != null && spec.flag("syncPolicy.automated.allowEmpty"),
                force, true);
    }

    /**
     * Which differences do not count: spec.ignoreDifferences, and syncOptions
     * RespectIgnoreDifferences=true to keep the ignored fields' live values when applying.
     */
    private static DiffOptions diffOptions(SpecFields spec) {
        boolean respect = option(spec.strings("syncPolicy.syncOptions"), "RespectIgnoreDifferences")
                .map("true"::equalsIgnoreCase).orElse(false);
        return new DiffOptions(respect, IgnoreDifferencesSpec.read(spec.at("ignoreDifferences"), "ignoreDifferences",
                spec::invalid));
    }

    /**
     * What the application waits for before it is applied: the Applications named by the
     * annotation {@value ReadinessFields#DEPENDS_ON}; and spec.syncPolicy.retry (limit, backoff).
     * Argo CD does not wait for health after a sync: its health is reported, not awaited.
     */
    private static Readiness readiness(SpecFields spec, ConfigDocument doc) {
        return new Readiness(ReadinessFields.argoDependsOn(spec, doc), false, List.of(), null,
                ReadinessFields.argoRetry(spec));
    }

    /**
     * The cluster its objects go to: spec.destination.server or spec.destination.name (not both, as
     * in Argo CD); neither, {@value Destination#IN_CLUSTER_SERVER} or name
     * {@value Destination#IN_CLUSTER_NAME} is the cluster Sluice runs in.
     */
    private static Destination destination(SpecFields spec) {
        String server = spec.text("destination.server");
        String name = spec.text("destination.name");
        if (server != null && name != null) {
            throw spec.invalid("destination", "names both server and name: set only one");
        }
        if (server == null && name == null) {
            return Destination.IN_CLUSTER;
        }
        return server != null ? new Destination(server, null, null, "spec.destination.server")
                : new Destination(null, name, null, "spec.destination.name");
    }
}
