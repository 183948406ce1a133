package io.sluice.image.scan;

import java.time.Instant;

/** The last scan of one ImageRepository as GET /api/images shows it; {@code tags} is null until a scan succeeds. */
public record ScanStatus(String namespace, String name, String image, Instant lastScan, Integer tags,
        String message) {
}
