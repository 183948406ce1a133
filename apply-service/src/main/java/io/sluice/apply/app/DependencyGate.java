package io.sluice.apply.app;

import io.sluice.api.ObjectRef;
import io.sluice.api.argo.ArgoAnnotations;
import io.sluice.api.status.HealthCode;
import io.sluice.api.status.Reasons;
import io.sluice.api.status.SyncCode;
import io.sluice.events.AppStatus;
import io.sluice.events.Event;
import io.sluice.events.RenderedBundle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds an application back until every application it depends on is Ready: Flux's
 * spec.dependsOn of a Kustomization or HelmRelease, and the annotation
 * {@value ArgoAnnotations#DEPENDS_ON} of an Argo CD Application. A dependency is Ready when its
 * last status is Synced and Healthy at its latest bundle, with its health checks passed. A waiting
 * application is looked at again after its retryInterval, and at once when the status of what it
 * waits for changes ({@link #waitingOn}), so a chain of dependencies unrolls without polling delays.
 */
@ApplicationScoped
public class DependencyGate {
    private final ApplyStreams streams;
    private final StatusBook statuses;
    private final ApplyPolicies policies;
    private final ReconcileRecorder recorder;
    /** Per dependency id, the applications waiting for it; read on the status view's thread. */
    private final Map<String, Set<String>> waiting = new ConcurrentHashMap<>();

    DependencyGate(ApplyStreams streams, StatusBook statuses, ApplyPolicies policies, ReconcileRecorder recorder) {
        this.streams = streams;
        this.statuses = statuses;
        this.policies = policies;
        this.recorder = recorder;
    }

    /** Null when every dependency of the application is Ready; else why not, naming the dependency. */
    String blocker(String appId, ObjectRef app, ApplyPolicy policy) {
        waiting.values().forEach(dependents -> dependents.remove(appId));
        List<ObjectRef> dependencies = policy.readiness().dependsOn();
        if (dependencies.isEmpty()) {
            return null;
        }
        List<String> cycle = cycle(appId, List.of(name(app)), dependencies, new HashSet<>());
        if (cycle != null) {
            // Any dependency changing may break the cycle.
            dependencies.forEach(dependency -> waitFor(dependency, appId));
            return "dependency cycle: " + String.join(" -> ", cycle);
        }
        for (ObjectRef dependency : dependencies) {
            String reason = notReady(dependency);
            if (reason != null) {
                waitFor(dependency, appId);
                return reason;
            }
        }
        return null;
    }

    private void waitFor(ObjectRef dependency, String appId) {
        waiting.computeIfAbsent(dependency.id(), id -> ConcurrentHashMap.newKeySet()).add(appId);
    }

    /** The applications waiting for {@code dependencyId}: to be reconciled when its status changes. */
    Set<String> waitingOn(String dependencyId) {
        Set<String> dependents = waiting.get(dependencyId);
        return dependents == null ? Set.of() : Set.copyOf(dependents);
    }

    /** Says why the application waits, in its status and, when the reason is new, in an event. */
    ReconcileOutcome hold(String appId, ObjectRef app, ApplyPolicy policy, RenderedBundle bundle, String reason) {
        AppStatus last = statuses.last(appId);
        boolean cycle = reason.startsWith("dependency cycle");
        if (statuses.record(appId, StatusBook.unchangedWith(app, last, reason))) {
            statuses.event(cycle ? Event.error(app, Reasons.DEPENDENCY_CYCLE, reason, bundle.revision(), ApplyStreams.SERVICE)
                    : Event.info(app, Reasons.DEPENDENCY_NOT_READY, reason, bundle.revision(), ApplyStreams.SERVICE));
        }
        recorder.refused(appId, bundle.revision(), "waiting", reason);
        return ReconcileOutcome.again(policy.retryInterval());
    }

    private String notReady(ObjectRef dependency) {
        if (streams.config(dependency.id()) == null) {
            return "dependency '" + name(dependency) + "' not found";
        }
        AppStatus status = statuses.last(dependency.id());
        String digest = streams.bundleDigest(dependency.id());
        boolean ready = status != null && digest != null && digest.equals(status.bundleDigest()) && SyncCode.SYNCED.equals(status.sync())
                && HealthCode.HEALTHY.equals(status.health()) && HealthWait.settled(status);
        return ready ? null : "dependency '" + name(dependency) + "' is not ready";
    }

    /** The path from the application back to itself through {@code dependencies}, or null when there is none. */
    private List<String> cycle(String appId, List<String> path, List<ObjectRef> dependencies, Set<String> seen) {
        for (ObjectRef dependency : dependencies) {
            List<String> longer = new ArrayList<>(path);
            longer.add(name(dependency));
            if (dependency.id().equals(appId)) {
                return longer;
            }
            var doc = seen.add(dependency.id()) ? streams.config(dependency.id()) : null;
            ApplyPolicy policy = doc == null ? null : policies.readIfValid(doc);
            List<String> found = policy == null ? null : cycle(appId, longer, policy.readiness().dependsOn(), seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String name(ObjectRef ref) {
        return ref.namespace() + "/" + ref.name();
    }
}
