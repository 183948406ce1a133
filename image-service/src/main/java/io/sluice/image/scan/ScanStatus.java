package io.sluice.image.scan;

import java.time.Instant;
import java.util.List;

/**
 * The last scan of one ImageRepository as GET /api/images shows it; {@code tags} (their count) and
 * {@code latestTags} ({@link ScanResult#latestTags(List)}) are null until a scan succeeds.
 */
public record ScanStatus(String namespace, String name, String image, Instant lastScan, Integer tags,
        List<String> latestTags, String message) {
}
