package io.sluice.image;

import io.sluice.api.image.ImagePolicy;
import io.sluice.api.image.ImageRepository;
import io.sluice.events.ConfigDocument;
import io.sluice.image.automation.AutomationRunner;
import io.sluice.image.policy.PolicyEvaluations;
import io.sluice.image.scan.ImageScanner;
import io.sluice.image.scan.ScanResult;
import io.sluice.image.share.ImageShare;
import io.sluice.image.status.ImageReports;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * What the owner of an image object does with it: scans repositories, evaluates the policies of the
 * repositories it scans right after each scan that changed their tags, runs automations.
 *
 * <p>Policies are evaluated on a thread of their own, never on the scan's thread nor under the
 * share's lock: an evaluation reads the share, and the share stops scans under its lock.
 */
final class ImageWork implements ImageShare.Work, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ImageWork.class);

    private final ImageScanner scanner;
    private final PolicyEvaluations evaluations;
    private final AutomationRunner automations;
    private final ImageReports reports;
    private final ExecutorService evaluating = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "image-policy");
        thread.setDaemon(true);
        return thread;
    });
    private ImageShare share;

    ImageWork(ImageScanner scanner, PolicyEvaluations evaluations, AutomationRunner automations,
            ImageReports reports) {
        this.scanner = scanner;
        this.evaluations = evaluations;
        this.automations = automations;
        this.reports = reports;
    }

    /** Starts evaluating the policies of {@code share}'s repositories after each scan that changed their tags. */
    void follow(ImageShare share) {
        this.share = share;
        scanner.onTagsChanged(repositoryId -> evaluating.execute(() -> evaluateAll(repositoryId)));
    }

    @Override
    public void scan(String id, ConfigDocument document) {
        scanner.start(id, document);
    }

    @Override
    public void automate(String id, ConfigDocument document) {
        automations.start(id, document);
    }

    @Override
    public void evaluate(ImagePolicy policy) {
        evaluating.execute(() -> evaluateNow(policy));
    }

    @Override
    public void release(String id) {
        if (ImageRepository.KIND.keys(id)) {
            scanner.stop(id);
        } else {
            automations.stop(id);
        }
    }

    @Override
    public void forget(ConfigDocument deleted) {
        String id = deleted.ref().id();
        if (ImagePolicy.KIND.keys(id)) {
            evaluating.execute(() -> evaluations.forget(deleted.ref()));
            return;
        }
        release(id);
        reports.forget(deleted.ref());
    }

    private void evaluateAll(String repositoryId) {
        share.policiesOf(repositoryId).forEach(this::evaluateNow);
    }

    private void evaluateNow(ImagePolicy policy) {
        String repositoryId = policy.repository().id();
        if (!share.ownsId(repositoryId)) {
            return;
        }
        try {
            Optional<ScanResult> scan = scanner.tags(repositoryId);
            evaluations.evaluate(policy, scan.map(ScanResult::image).orElse(null),
                    scan.map(ScanResult::tags).orElse(null), share.exists(repositoryId)
                            ? scanner.noTagsReason(repositoryId) : "there is no such ImageRepository");
        } catch (RuntimeException e) {
            LOG.errorf(e, "ImagePolicy %s/%s: evaluation failed", policy.ref().namespace(), policy.ref().name());
        }
    }

    @Override
    public void close() {
        evaluating.shutdownNow();
    }
}
