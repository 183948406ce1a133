package io.sluice.apply.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which hooks one application's current sync operation has already created, so that a sync
 * resumed after waiting for a wave does not run them again. A new operation starts afresh; a
 * restart forgets, and the operation then runs its hooks again, as Argo CD does on a retried sync.
 */
@ApplicationScoped
class HookLedger {
    private record Operation(String key, Set<String> started) {
    }

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    /** Whether {@code hookId} was already created in operation {@code key} of {@code appId}. */
    boolean started(String appId, String key, String hookId) {
        Operation operation = operations.get(appId);
        return operation != null && operation.key().equals(key) && operation.started().contains(hookId);
    }

    void start(String appId, String key, String hookId) {
        operations.compute(appId, (id, op) -> op == null || !op.key().equals(key) ? new Operation(key, new HashSet<>())
                : op).started().add(hookId);
    }
}
