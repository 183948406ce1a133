package io.sluice.image.policy;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.ObjectRef;
import io.sluice.api.image.ImagePolicy;
import io.sluice.api.status.Reasons;
import io.sluice.events.ImageLatest;
import io.sluice.events.ImageStatus;
import io.sluice.events.Topics;
import io.sluice.events.kafka.MessageSink;
import io.sluice.events.kafka.TopicView;
import io.sluice.image.status.ImageReports;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Evaluates ImagePolicies against their repository's scan and says what each chose: the choice on
 * sluice.image.policies when it changed (automations follow that topic), the policy's status after
 * every evaluation, and an event when the choice or the reason for none changed.
 */
public final class PolicyEvaluations {
    private static final Logger LOG = Logger.getLogger(PolicyEvaluations.class);

    /** The digest of a tag of the repository a policy names, when the policy asks for digests. */
    public interface Digests {
        String digest(ImagePolicy policy, String image, String tag) throws Exception;
    }

    private final MessageSink sink;
    private final ImageReports reports;
    private final TopicView<ImageLatest> published;
    private final Digests digests;
    private final MeterRegistry meters;

    public PolicyEvaluations(MessageSink sink, ImageReports reports, TopicView<ImageLatest> published,
            Digests digests, MeterRegistry meters) {
        this.sink = sink;
        this.reports = reports;
        this.published = published;
        this.digests = digests;
        this.meters = meters;
    }

    /**
     * Chooses among {@code tags} (the repository's last scan of {@code image}; null when it has none
     * yet or failed) by {@code policy} and reports the choice.
     */
    public void evaluate(ImagePolicy policy, String image, List<String> tags, String repositoryProblem) {
        ObjectRef ref = policy.ref();
        Instant now = Instant.now();
        if (policy.spec().suspend()) {
            reports.report(ImageStatus.of(ref, true, Reasons.SUSPENDED, "suspended", now, null,
                    published.get(ref.id()), null), null);
            return;
        }
        if (tags == null) {
            reports.report(ImageStatus.of(ref, false, Reasons.DEPENDENCY_NOT_READY, "ImageRepository "
                    + policy.spec().imageRepositoryRef().namespace() + "/" + policy.spec().imageRepositoryRef().name()
                    + " has no tags yet: " + repositoryProblem, now, null, published.get(ref.id()), null), null);
            return;
        }
        TagChoice choice = TagChooser.choose(policy.spec(), tags);
        meters.counter("sluice.image.policy.evaluations", "outcome", choice.chosen() ? "chosen" : "none")
                .increment();
        if (!choice.chosen()) {
            reports.report(ImageStatus.of(ref, false, Reasons.RECONCILIATION_FAILED, choice.reason(), now, null,
                    published.get(ref.id()), null), null);
            return;
        }
        ImageLatest previous = published.get(ref.id());
        String digest = digestOf(policy, image, choice.tag(), previous);
        ImageLatest latest = ImageLatest.of(ref.id(), image, choice.tag(), digest, now);
        String message;
        if (previous == null || !sameChoice(previous, latest)) {
            sink.send(Topics.IMAGE_POLICIES, ref.id(), latest);
            message = previous == null
                    ? "Latest image tag for '" + image + "' resolved to " + choice.tag()
                    : "Latest image tag for '" + image + "' updated from " + previous.tag() + " to " + choice.tag();
            LOG.infof("ImagePolicy %s/%s: %s", ref.namespace(), ref.name(), message);
        } else {
            latest = previous;
            message = "Latest image tag for '" + image + "' resolved to " + choice.tag();
        }
        reports.report(ImageStatus.of(ref, true, Reasons.SUCCEEDED, message, now, null, latest, null), null);
    }

    /** The policy is gone: its choice and status are removed. */
    public void forget(ObjectRef policy) {
        sink.tombstone(Topics.IMAGE_POLICIES, policy.id());
        reports.forget(policy);
    }

    /**
     * The digest when spec.digestReflectionPolicy asks for it: IfNotPresent looks it up once per tag
     * chosen, Always at each evaluation (each scan of the repository); Never: none.
     */
    private String digestOf(ImagePolicy policy, String image, String tag, ImageLatest previous) {
        ImagePolicy.DigestReflectionPolicy reflection = policy.spec().digestReflectionPolicy();
        if (reflection == ImagePolicy.DigestReflectionPolicy.Never) {
            return null;
        }
        if (reflection == ImagePolicy.DigestReflectionPolicy.IfNotPresent && previous != null
                && previous.digest() != null && previous.tag().equals(tag) && previous.image().equals(image)) {
            return previous.digest();
        }
        try {
            return digests.digest(policy, image, tag);
        } catch (Exception e) {
            LOG.warnf("ImagePolicy %s/%s: no digest for %s:%s: %s", policy.ref().namespace(), policy.ref().name(),
                    image, tag, e.getMessage());
            return previous == null ? null : previous.digest();
        }
    }

    private static boolean sameChoice(ImageLatest a, ImageLatest b) {
        return a.image().equals(b.image()) && a.tag().equals(b.tag()) && Objects.equals(a.digest(), b.digest());
    }
}
