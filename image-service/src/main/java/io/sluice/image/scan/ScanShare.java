package io.sluice.image.scan;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.image.ImageRepository;
import io.sluice.events.ConfigDocument;
import io.sluice.events.kafka.PartitionShare;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * This instance's share of the image work: the ImageRepositories whose id (their key on
 * sluice.config) falls in a partition of sluice.config the group gives this instance. Every instance
 * knows every ImageRepository (its view of sluice.config hands each change here); only the owner
 * scans one, so each repository is scanned, and announced, by one instance at a time.
 *
 * <p>The rule for ImagePolicies, when image-service chooses tags by them (not yet: ImagePolicy is
 * read but not acted on): a policy is evaluated by the owner of the ImageRepository it names
 * (spec.imageRepositoryRef's id), not by the owner of the policy's own id, which may be in another
 * partition. The tags it chooses from are that instance's scan results, so each policy is evaluated
 * once, where the tags are, whichever instance owns the policy's own id; a policy naming no existing
 * repository is reported by the owner of the id it names.
 *
 * <p>The partitions owned are kept here, under the same lock as the documents, so that a document
 * arriving while {@link #acquired} starts the scans is scanned all the same.
 */
public final class ScanShare implements PartitionShare.Owner {
    private static final Logger LOG = Logger.getLogger(ScanShare.class);

    private final ImageScanner scanner;
    /** Every ImageRepository of sluice.config by id; guarded by this. */
    private final Map<String, ConfigDocument> repositories = new HashMap<>();
    /** The partitions of sluice.config this instance owns; guarded by this. */
    private final Set<Integer> partitions = new TreeSet<>();
    private int partitionCount;

    public ScanShare(ImageScanner scanner, MeterRegistry meters) {
        this.scanner = scanner;
        Gauge.builder("sluice.image.owned.partitions", this, ScanShare::ownedPartitions)
                .description("Partitions of sluice.config whose ImageRepositories this instance scans")
                .register(meters);
    }

    /** Listener of the config topic view: (re)starts the scans of an owned ImageRepository, stops a deleted one's. */
    public synchronized void onConfig(String key, ConfigDocument document) {
        if (!ImageRepository.KIND.keys(key)) {
            return;
        }
        if (document == null) {
            repositories.remove(key);
            scanner.forget(key);
            return;
        }
        repositories.put(key, document);
        if (owns(key)) {
            scanner.start(key, document);
        }
    }

    @Override
    public synchronized void acquired(Set<Integer> assigned, int count) {
        partitionCount = count;
        partitions.addAll(assigned);
        List<String> taken = inPartitions(assigned);
        taken.forEach(key -> scanner.start(key, repositories.get(key)));
        LOG.infof("took partitions %s of sluice.config: scanning their %d ImageRepositories", assigned, taken.size());
    }

    /** Stops the scans of the revoked partitions: once this returns, this instance says nothing more of them. */
    @Override
    public synchronized void released(Set<Integer> revoked) {
        List<String> given = inPartitions(revoked);
        partitions.removeAll(revoked);
        given.forEach(scanner::stop);
        LOG.infof("gave partitions %s of sluice.config up: stopped scanning their %d ImageRepositories", revoked,
                given.size());
    }

    private synchronized double ownedPartitions() {
        return partitions.size();
    }

    private boolean owns(String key) {
        return partitionCount > 0 && partitions.contains(PartitionShare.partitionOf(key, partitionCount));
    }

    private List<String> inPartitions(Set<Integer> which) {
        return repositories.keySet().stream()
                .filter(key -> which.contains(PartitionShare.partitionOf(key, partitionCount))).toList();
    }
}
