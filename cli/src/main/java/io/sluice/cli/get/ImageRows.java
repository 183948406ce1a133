package io.sluice.cli.get;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.image.ImagePolicy;
import io.sluice.api.image.ImageRepository;
import io.sluice.api.image.ImageUpdateAutomation;
import io.sluice.api.read.ReadResult;
import io.sluice.events.ConfigDocument;
import io.sluice.events.ConfigProblems;
import io.sluice.events.ImageStatus;
import io.sluice.events.Topics;
import io.sluice.events.kafka.TopicView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rows of {@code sluice get images}: every image object of the configuration with where it
 * stands (sluice.image.status); an object image-service has not reported on yet says so, and one
 * whose document was never valid says why.
 */
public final class ImageRows {
    private static final List<String> KINDS = List.of(ImageRepository.KIND.name(), ImagePolicy.KIND.name(),
            ImageUpdateAutomation.KIND.name());
    static final String WAITING = "waiting for image-service's first report";

    /** Every image object, repositories first, then policies, then automations, each by namespace and name. */
    public static List<ImageRow> read(String bootstrapServers) throws InterruptedException {
        try (CompactedTopics topics = new CompactedTopics(bootstrapServers)) {
            TopicView<ConfigDocument> config = topics.open(Topics.CONFIG, ConfigDocument.class);
            TopicView<ImageStatus> statuses = topics.open(Topics.IMAGE_STATUS, ImageStatus.class);
            TopicView<ConfigProblems> problems = topics.open(Topics.CONFIG_PROBLEMS, ConfigProblems.class);
            topics.awaitCaughtUp();
            return rows(config.snapshot(), statuses.snapshot(), problems.snapshot());
        }
    }

    static List<ImageRow> rows(Map<String, ConfigDocument> config, Map<String, ImageStatus> statuses,
            Map<String, ConfigProblems> problems) {
        List<ImageRow> rows = new ArrayList<>();
        config.forEach((key, document) -> {
            if (isImageKind(document.ref())) {
                ObjectRef ref = document.ref();
                ImageRow row = row(ref, suspended(document), statuses.get(key));
                ConfigProblems found = problems.get(key);
                rows.add(InvalidConfiguration.invalid(found) ? withMessage(row,
                        InvalidConfiguration.message(InvalidConfiguration.LAST_VALID_IN_USE, found)) : row);
            }
        });
        problems.values().stream()
                .filter(found -> found.invalid() && found.ref() != null && isImageKind(found.ref())
                        && !config.containsKey(found.ref().id()))
                .forEach(found -> rows.add(new ImageRow(found.ref().kind(), found.ref().namespace(),
                        found.ref().name(), false, false, null, null,
                        InvalidConfiguration.message(InvalidConfiguration.NEVER_VALID, found))));
        rows.sort(Comparator.comparing((ImageRow row) -> KINDS.indexOf(row.kind())).thenComparing(ImageRow::namespace)
                .thenComparing(ImageRow::name));
        return rows;
    }

    private static boolean isImageKind(ObjectRef ref) {
        return ApiGroups.IMAGE.equals(ref.group()) && KINDS.contains(ref.kind());
    }

    private static ImageRow row(ObjectRef ref, boolean suspended, ImageStatus status) {
        if (status == null) {
            return new ImageRow(ref.kind(), ref.namespace(), ref.name(), false, suspended, null, null,
                    suspended ? "suspended" : WAITING);
        }
        String latest = null;
        if (status.scan() != null) {
            latest = status.scan().tagCount() + " tags";
        } else if (status.latest() != null) {
            latest = status.latest().reference();
        } else if (status.lastPush() != null) {
            latest = shortCommit(status.lastPush().commit()) + " on " + status.lastPush().branch();
        }
        return new ImageRow(ref.kind(), ref.namespace(), ref.name(), status.ready(), suspended, latest,
                status.time(), status.message());
    }

    private static ImageRow withMessage(ImageRow row, String message) {
        return new ImageRow(row.kind(), row.namespace(), row.name(), false, row.suspended(), row.latest(),
                row.lastUpdate(), message);
    }

    /** Whether the image object {@code document} says spec.suspend: true. */
    public static boolean suspended(ConfigDocument document) {
        return read(document, ImageRepository.KIND, repository -> repository.spec().suspend())
                || read(document, ImagePolicy.KIND, policy -> policy.spec().suspend())
                || read(document, ImageUpdateAutomation.KIND, automation -> automation.spec().suspend());
    }

    private static <T extends Resource> boolean read(ConfigDocument document, Kind<T> kind,
            Predicate<T> test) {
        if (!kind.matches(document.ref())) {
            return false;
        }
        ReadResult<T> read = document.read(kind);
        return read.valid() && test.test(read.value());
    }

    private static String shortCommit(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }

    private ImageRows() {
    }
}
