package io.sluice.render.reconcile;

import io.sluice.events.Topics;
import io.sluice.events.kafka.PartitionShare;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The applications this instance renders: those whose id (the key of their document) falls in the
 * partitions of sluice.config the consumer group gives it. {@link PartitionShare} calls
 * {@link #acquired} and {@link #released} inside each rebalance: an instance finishes the renders of
 * the applications it gives up before the next owner is given them, and the next owner reads their
 * last bundles first, so an application whose inputs did not change renders once and publishes nothing.
 */
public final class RenderShare implements PartitionShare.Owner {
    private static final Logger LOG = Logger.getLogger(RenderShare.class);

    private final RenderQueue queue;
    private final Supplier<Set<String>> applications;
    private final Runnable readBundles;
    /** Owned from the start of {@link #acquired}: a change arriving while the applications are queued is rendered. */
    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    /**
     * @param applications the ids of every application that may need work: documents that render, and
     *         bundles on the topic (a document deleted while no instance owned it leaves its bundle)
     * @param readBundles reads the rendered topic up to its end
     */
    public RenderShare(RenderQueue queue, Supplier<Set<String>> applications, Runnable readBundles) {
        this.queue = queue;
        this.applications = applications;
        this.readBundles = readBundles;
    }

    public boolean owns(String appId) {
        int count = partitionCount;
        return count > 0 && partitions.contains(PartitionShare.partitionOf(appId, count));
    }

    /** Queues a render of {@code appId} when this instance owns it; another instance renders it otherwise. */
    public synchronized void submit(String appId) {
        if (owns(appId)) {
            queue.submit(appId);
        }
    }

    public int ownedPartitions() {
        return partitions.size();
    }

    @Override
    public void acquired(Set<Integer> taken, int count) {
        // The previous owner finished before the group gave them here: its last bundles are on the topic.
        readBundles.run();
        synchronized (this) {
            partitionCount = count;
            partitions.addAll(taken);
        }
        List<String> apps = applications.get().stream()
                .filter(appId -> taken.contains(PartitionShare.partitionOf(appId, count))).toList();
        apps.forEach(queue::submit);
        LOG.infof("rendering partitions %s of %s: %d applications checked", taken, Topics.CONFIG, apps.size());
    }

    @Override
    public void released(Set<Integer> given) {
        int count = partitionCount;
        synchronized (this) {
            partitions.removeAll(given);
        }
        int waited = queue.release(appId -> given.contains(PartitionShare.partitionOf(appId, count)));
        LOG.infof("gave up partitions %s of %s after %d renders in progress finished", given, Topics.CONFIG,
                waited);
    }
}
