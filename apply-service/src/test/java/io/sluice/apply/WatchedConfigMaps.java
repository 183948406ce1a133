package io.sluice.apply;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API server's own record of what happened to the ConfigMaps of one namespace, in the order
 * it served the changes: a watch, so that the order of applies and deletes is observed, not guessed.
 */
final class WatchedConfigMaps implements AutoCloseable {
    /**
     * One change: ADDED, MODIFIED or DELETED, of the ConfigMap {@code name} with {@code uid}, which
     * holds {@code data} from then on (at {@code resourceVersion}).
     */
    record Change(String action, String name, String uid, String resourceVersion, Map<String, String> data) {
        @Override
        public String toString() {
            return action + " " + name;
        }
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Watch watch;

    WatchedConfigMaps(KubernetesClient cluster, String namespace) {
        watch = cluster.configMaps().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap cm) {
                changes.add(new Change(action.name(), cm.getMetadata().getName(), cm.getMetadata().getUid(),
                        cm.getMetadata().getResourceVersion(), cm.getData() == null ? Map.of() : cm.getData()));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    /** Every change so far, the oldest first, leaving out the namespace's kube-root-ca.crt. */
    List<Change> changes() {
        return changes.stream().filter(c -> !c.name().equals("kube-root-ca.crt")).toList();
    }

    /** The position of the first {@code action} of {@code name}; -1 when none. */
    int first(String action, String name) {
        List<Change> all = changes();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).action().equals(action) && all.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        watch.close();
    }
}
