package io.sluice.source.artifact;

/** An artifact larger than {@code sluice.source.max-artifact-size}; the message gives both sizes. */
public class ArtifactTooLargeException extends RuntimeException {
    ArtifactTooLargeException(long size, long limit) {
        super("the artifact is " + size + " bytes, over the limit of " + limit
                + " bytes (sluice.source.max-artifact-size): refused");
    }
}
