package io.sluice.source.artifact;

/** An archive in the store: its sha256 in hex (also its file name) and its size in bytes. */
public record StoredArtifact(String hex, long size) {
    public String digest() {
        return "sha256:" + hex;
    }
}
