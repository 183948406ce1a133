package io.sluice.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads an artifact the way a consumer does: its digest, and its entries in archive order. */
final class ArtifactArchive {
    /** An entry's content: the file's text, "-> target" for a link, "" for a folder. */
    static Map<String, String> entries(byte[] targz) {
        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(targz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String content = entry.isSymbolicLink() ? "-> " + entry.getLinkName()
                        : new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                entries.put(entry.getName(), content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ArtifactArchive() {
    }
}
