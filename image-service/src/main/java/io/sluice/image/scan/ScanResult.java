package io.sluice.image.scan;

import io.sluice.api.image.ImageName;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What the last successful scan of an ImageRepository found: the tags ImagePolicies choose from.
 *
 * @param image spec.image as written
 * @param name the repository scanned (Docker Hub's made explicit)
 * @param tags the tags that count (those spec.exclusionList leaves), in the registry's order
 * @param scanTime when the scan ended
 * @param latestTags Flux's status.lastScanResult.latestTags: see {@link #latestTags(List)}
 */
public record ScanResult(String image, ImageName name, List<String> tags, Instant scanTime, List<String> latestTags) {
    /** How many tags Flux shows as the latest (image-reflector-controller's latestTagsCount). */
    static final int LATEST_TAGS = 10;

    public ScanResult {
        tags = List.copyOf(tags);
        latestTags = List.copyOf(latestTags);
    }

    static ScanResult of(String image, ImageName name, List<String> tags, Instant scanTime) {
        return new ScanResult(image, name, tags, scanTime, latestTags(tags));
    }

    /** Flux's status.lastScanResult.tagCount. */
    public int tagCount() {
        return tags.size();
    }

    /**
     * The {@value #LATEST_TAGS} greatest tags in descending string order, as image-reflector-controller's
     * sortTagsAndGetLatestTags (internal/controller/imagerepository_controller.go, v1.2.0) chooses them: a
     * sample of the tags, not the newest by any policy. Go compares the bytes of the strings, Java their
     * UTF-16 units: the same order for tags, which are ASCII.
     */
    static List<String> latestTags(List<String> tags) {
        return tags.stream().sorted(Comparator.reverseOrder()).limit(LATEST_TAGS).toList();
    }
}
