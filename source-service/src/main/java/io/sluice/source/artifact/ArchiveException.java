package io.sluice.source.artifact;

/** A tree cannot be archived safely; the message names the path. */
public class ArchiveException extends RuntimeException {
    public ArchiveException(String message) {
        super(message);
    }
}
