package io.sluice.apply.app;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.sluice.apply.diff.DiffOptions;
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
 * its reconciliation timeout. PruneLast=true needs nothing: Sluice always prunes after every apply.
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
                spec.duration("syncPolicy.retry.backoff.duration", interval), propagation(spec, options),
                syncOptions(spec), diffOptions(spec), readiness(spec), destination(spec));
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

    /** How objects are applied and pruned beyond the defaults. */
    private static SyncOptions syncOptions(SpecFields spec) {
        return SyncOptions.DEFAULTS;
    }

    /** Which differences do not count. */
    private static DiffOptions diffOptions(SpecFields spec) {
        return DiffOptions.NONE;
    }

    /** What the application waits for before and after it is applied. */
    private static Readiness readiness(SpecFields spec) {
        return Readiness.NONE;
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
