package io.sluice.image.automation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.api.ObjectRef;
import io.sluice.api.image.ImagePolicy;
import io.sluice.api.image.ImageUpdateAutomation;
import io.sluice.api.read.ReadResult;
import io.sluice.api.source.GitRepository;
import io.sluice.api.status.Reasons;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Event;
import io.sluice.events.ImageLatest;
import io.sluice.events.ImageStatus;
import io.sluice.events.SourceCommand;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.events.kafka.TopicView;
import io.sluice.image.schedule.Schedules;
import io.sluice.image.status.ImageReports;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Runs the ImageUpdateAutomations this instance owns, each on its spec.interval, at once when one of
 * its namespace's policies chose a new image, and when asked: writes the images the selected
 * ImagePolicies chose into the marked fields of the GitRepository's files, commits once and pushes
 * ({@link AutomationRun}), then asks source-service to fetch the new commit now, so it reaches the
 * cluster without waiting for the GitRepository's interval.
 */
public final class AutomationRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AutomationRunner.class);
    /** How long a run waits after a new choice for the choices that come with it. */
    static final Duration BATCH = Duration.ofMillis(250);

    private final Schedules schedules;
    private final TopicView<ConfigDocument> config;
    private final TopicView<ImageLatest> latest;
    private final AutomationRun run;
    private final ImageReports reports;
    private final MessageSink sink;
    private final MeterRegistry meters;

    public AutomationRunner(int threads, TopicView<ConfigDocument> config, TopicView<ImageLatest> latest,
            AutomationRun run, ImageReports reports, MessageSink sink, MeterRegistry meters) {
        this.schedules = new Schedules("image-automation", threads);
        this.config = config;
        this.latest = latest;
        this.run = run;
        this.reports = reports;
        this.sink = sink;
        this.meters = meters;
    }

    /** Runs the automation {@code document} from now on, in place of its previous version. */
    public void start(String id, ConfigDocument document) {
        schedules.stop(id);
        ReadResult<ImageUpdateAutomation> read = document.read(ImageUpdateAutomation.KIND);
        if (!read.valid()) {
            reports.report(ImageStatus.of(document.ref(), false, Reasons.CONFIG_INVALID, String.join("; ",
                    read.errorMessages()), Instant.now(), null, null, lastPush(id)), null);
            return;
        }
        ImageUpdateAutomation automation = read.value();
        if (automation.spec().suspend()) {
            reports.report(ImageStatus.of(automation.ref(), true, Reasons.SUSPENDED, "suspended", Instant.now(), null,
                    null, lastPush(id)), null);
            return;
        }
        schedules.start(id, automation.spec().interval(), scheduled -> runOnce(scheduled, automation));
    }

    /** Runs {@code id} now, if this instance runs it; false otherwise. */
    public boolean runNow(String id) {
        return schedules.runNow(id);
    }

    /** Stops running {@code id}: another instance runs it now, or it was deleted. */
    public void stop(String id) {
        schedules.stop(id);
    }

    private void runOnce(Schedules.Run scheduled, ImageUpdateAutomation automation) {
        ObjectRef ref = automation.ref();
        long start = System.nanoTime();
        AutomationRun.Outcome outcome;
        GitRepository repository = gitRepository(automation);
        if (repository == null) {
            outcome = AutomationRun.Outcome.failed(Reasons.DEPENDENCY_NOT_READY, "GitRepository "
                    + automation.spec().sourceRef().namespace() + "/" + automation.spec().sourceRef().name()
                    + " not found");
        } else {
            outcome = run.run(automation, repository, chosenImages(automation));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        AutomationRun.Outcome done = outcome;
        scheduled.report(() -> report(automation, repository, done, took));
    }

    private void report(ImageUpdateAutomation automation, GitRepository repository, AutomationRun.Outcome outcome,
            Duration took) {
        ObjectRef ref = automation.ref();
        String result = outcome.pushed() != null ? "pushed" : outcome.ready() ? "unchanged" : "failed";
        Timer.builder("sluice.image.automation").description("Time of one run of an ImageUpdateAutomation")
                .tag("outcome", result).register(meters).record(took);
        LOG.logf(outcome.ready() ? Logger.Level.INFO : Logger.Level.WARN,
                "ImageUpdateAutomation %s/%s: revision=%s outcome=%s duration=%dms%s", ref.namespace(), ref.name(),
                outcome.pushed() == null ? null : outcome.pushed().commit(), result, took.toMillis(),
                outcome.ready() ? "" : ": " + outcome.message());
        reports.announceChanged(ref, Reasons.INVALID_MARKER, outcome.problems().stream()
                .map(problem -> Event.error(ref, Reasons.INVALID_MARKER, problem, null, ImageReports.SERVICE)).toList());
        ImageStatus.Push push = outcome.pushed() != null ? outcome.pushed() : lastPush(ref.id());
        if (outcome.pushed() != null) {
            String sourceId = repository.ref().id();
            sink.send(Topics.SOURCE_COMMANDS, sourceId, SourceCommand.reconcile(sourceId, ImageReports.SERVICE,
                    Instant.now()));
        }
        reports.report(ImageStatus.of(ref, outcome.ready(), outcome.reason(), outcome.message(), Instant.now(), null,
                null, push), push == null ? null : push.branch() + "@sha1:" + push.commit());
    }

    /**
     * The images chosen by the ImagePolicies of the automation's namespace that its policySelector
     * selects, by "namespace:name" as setter markers name policies.
     */
    public Map<String, ImageLatest> chosenImages(ImageUpdateAutomation automation) {
        Map<String, ImageLatest> chosen = new TreeMap<>();
        config.snapshot().forEach((id, document) -> {
            if (!ImagePolicy.KIND.keys(id) || !document.ref().namespace().equals(automation.ref().namespace())) {
                return;
            }
            ReadResult<ImagePolicy> read = document.read(ImagePolicy.KIND);
            ImageLatest choice = latest.get(id);
            if (read.valid() && choice != null
                    && automation.spec().policySelector().matches(read.value().metadata().labels())) {
                chosen.put(document.ref().namespace() + ":" + document.ref().name(), choice);
            }
        });
        return chosen;
    }

    /** The automation {@code id}'s GitRepository; null when sluice.config has no valid one. */
    public GitRepository gitRepository(ImageUpdateAutomation automation) {
        ConfigDocument document = config.get(GitRepository.KIND.ref(automation.spec().sourceRef().namespace(),
                automation.spec().sourceRef().name()).id());
        if (document == null) {
            return null;
        }
        ReadResult<GitRepository> read = document.read(GitRepository.KIND);
        return read.valid() ? read.value() : null;
    }

    private ImageStatus.Push lastPush(String id) {
        ImageStatus status = reports.published(id);
        return status == null ? null : status.lastPush();
    }

    @Override
    public void close() {
        schedules.close();
    }

    /**
     * A policy of one namespace chose a new image: its automations run soon, where they run. Choices
     * made within {@link #BATCH} of each other (many policies, one scan) make one run, so one commit.
     */
    public void onLatest(List<String> automationIds) {
        automationIds.forEach(id -> schedules.runSoon(id, BATCH));
    }
}
