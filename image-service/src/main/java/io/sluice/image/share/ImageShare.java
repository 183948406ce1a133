package io.sluice.image.share;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.image.ImagePolicy;
import io.sluice.api.image.ImageRepository;
import io.sluice.api.image.ImageUpdateAutomation;
import io.sluice.api.read.ReadResult;
import io.sluice.events.ConfigDocument;
import io.sluice.events.kafka.PartitionShare;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * This instance's share of the image work, by partition of sluice.config (the consumer group gives
 * each instance its partitions): the ImageRepositories and ImageUpdateAutomations whose id falls in
 * an owned partition are scanned and run here. Every instance knows every image object (its view of
 * sluice.config hands each change here); only the owner acts on one.
 *
 * <p>An ImagePolicy is evaluated by the owner of the ImageRepository it names, not by the owner of
 * the policy's own id, which may be in another partition: the tags it chooses from are that
 * instance's scan results, so each policy is evaluated once, where the tags are, right after each
 * scan, however many policies use the repository.
 *
 * <p>The partitions owned are kept here, under the same lock as the documents, so that a document
 * arriving while {@link #acquired} starts the work is acted on all the same.
 */
public final class ImageShare implements PartitionShare.Owner {
    private static final Logger LOG = Logger.getLogger(ImageShare.class);

    /** What the owner of an object does with it. */
    public interface Work {
        /** Scans the ImageRepository {@code id} from now on, by {@code document}. */
        void scan(String id, ConfigDocument document);

        /** Runs the ImageUpdateAutomation {@code id} from now on, by {@code document}. */
        void automate(String id, ConfigDocument document);

        /** Evaluates the ImagePolicy {@code policy} against its repository's last scan, if there is one. */
        void evaluate(ImagePolicy policy);

        /** Stops acting on {@code id}: another instance owns it now. */
        void release(String id);

        /** {@code id} was deleted: stop acting on it and remove what was said of it. */
        void forget(ConfigDocument deleted);
    }

    private final Work work;
    /** Every image object of sluice.config by id, as last published; guarded by this. */
    private final Map<String, ConfigDocument> documents = new HashMap<>();
    /** Every valid ImagePolicy by id; guarded by this. */
    private final Map<String, ImagePolicy> policies = new HashMap<>();
    /** The partitions of sluice.config this instance owns; guarded by this. */
    private final Set<Integer> partitions = new TreeSet<>();
    private int partitionCount;

    public ImageShare(Work work, MeterRegistry meters) {
        this.work = work;
        Gauge.builder("sluice.image.owned.partitions", this, ImageShare::ownedPartitions)
                .description("Partitions of sluice.config whose image objects this instance acts on")
                .register(meters);
    }

    /** Listener of the config topic view: starts, restarts or stops the work on an image object. */
    public synchronized void onConfig(String key, ConfigDocument document) {
        boolean repository = ImageRepository.KIND.keys(key);
        boolean automation = ImageUpdateAutomation.KIND.keys(key);
        boolean policy = ImagePolicy.KIND.keys(key);
        if (!repository && !automation && !policy) {
            return;
        }
        if (document == null) {
            ConfigDocument deleted = documents.remove(key);
            ImagePolicy gone = policies.remove(key);
            if (deleted != null && (gone == null || owns(gone.repository().id()))) {
                work.forget(deleted);
            }
            if (repository && owns(key)) {
                // Its policies now say that it is gone.
                policiesOf(key).forEach(work::evaluate);
            }
            return;
        }
        documents.put(key, document);
        if (policy) {
            ReadResult<ImagePolicy> read = document.read(ImagePolicy.KIND);
            if (read.valid()) {
                policies.put(key, read.value());
                if (owns(read.value().repository().id())) {
                    work.evaluate(read.value());
                }
            }
        } else if (owns(key)) {
            start(key, document);
        }
    }

    /** The valid ImagePolicies that choose from the ImageRepository {@code repositoryId}. */
    public synchronized List<ImagePolicy> policiesOf(String repositoryId) {
        return policies.values().stream().filter(policy -> policy.repository().id().equals(repositoryId)).toList();
    }

    /** The ids of the ImageUpdateAutomations of {@code namespace} this instance runs. */
    public synchronized List<String> ownedAutomationsIn(String namespace) {
        return documents.keySet().stream().filter(ImageUpdateAutomation.KIND::keys).filter(this::owns)
                .filter(key -> documents.get(key).ref().namespace().equals(namespace)).toList();
    }

    /** Whether sluice.config has the image object {@code id}. */
    public synchronized boolean exists(String id) {
        return documents.containsKey(id);
    }

    /** Whether this instance acts on {@code id} now. */
    public synchronized boolean ownsId(String id) {
        return owns(id);
    }

    @Override
    public synchronized void acquired(Set<Integer> assigned, int count) {
        partitionCount = count;
        partitions.addAll(assigned);
        List<String> taken = inPartitions(assigned);
        taken.stream().filter(key -> !ImagePolicy.KIND.keys(key)).forEach(key -> start(key, documents.get(key)));
        LOG.infof("took partitions %s of sluice.config: acting on their %d image objects", assigned, taken.size());
    }

    /** Stops the work of the revoked partitions: once this returns, this instance says nothing more of them. */
    @Override
    public synchronized void released(Set<Integer> revoked) {
        List<String> given = inPartitions(revoked);
        partitions.removeAll(revoked);
        given.stream().filter(key -> !ImagePolicy.KIND.keys(key)).forEach(work::release);
        LOG.infof("gave partitions %s of sluice.config up: stopped acting on their %d image objects", revoked,
                given.size());
    }

    private void start(String key, ConfigDocument document) {
        if (ImageRepository.KIND.keys(key)) {
            work.scan(key, document);
        } else {
            work.automate(key, document);
        }
    }

    private synchronized double ownedPartitions() {
        return partitions.size();
    }

    private boolean owns(String key) {
        return partitionCount > 0 && partitions.contains(PartitionShare.partitionOf(key, partitionCount));
    }

    private List<String> inPartitions(Set<Integer> which) {
        return documents.keySet().stream()
                .filter(key -> which.contains(PartitionShare.partitionOf(key, partitionCount))).toList();
    }
}
