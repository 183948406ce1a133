package io.sluice.image.update;

/**
 * The image an ImagePolicy chose (its status.latestRef): repository name, tag, and the digest when the
 * registry gave one (else null).
 */
public record LatestImage(String name, String tag, String digest) {
    /** What the whole-image setter writes, as Flux's ImageRef.String(): {@code name:tag}, or {@code name:tag@digest}. */
    public String reference() {
        return name + ":" + tag + (digest == null || digest.isEmpty() ? "" : "@" + digest);
    }
}
