package io.sluice.render.closure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * What an artifact holds, read straight from its tar.gz stream without unpacking it: each file's
 * path and content digest (a link's target instead of a digest), and the text of every file that
 * says which other files a render reads (kustomization files, Argo CD's .argocd-source files), which
 * is all {@link FileClosure} needs to know which files a render can read.
 */
public final class TreeIndex {
    /** The names kustomize reads as a folder's kustomization. */
    static final List<String> KUSTOMIZATION_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    /** A file larger than this is not kept as text: it is hashed like any file. */
    private static final int MAX_TEXT_BYTES = 1024 * 1024;

    private final NavigableMap<String, String> digests;
    private final Map<String, String> texts;
    private final boolean hasLinksOrOddNames;

    TreeIndex(NavigableMap<String, String> digests, Map<String, String> texts, boolean hasLinksOrOddNames) {
        this.digests = Collections.unmodifiableNavigableMap(digests);
        this.texts = Map.copyOf(texts);
        this.hasLinksOrOddNames = hasLinksOrOddNames;
    }

    /** Whether the index keeps the text of a file of this name: a kustomization, or an Argo CD parameter file. */
    static boolean keepsText(String name) {
        return KUSTOMIZATION_NAMES.contains(name)
                || name.startsWith(".argocd-source") && name.endsWith(".yaml");
    }

    /** Reads a tar.gz artifact; entries are named as in the repository ("apps/web/deploy.yaml"). */
    public static TreeIndex read(InputStream tarGz) throws IOException {
        NavigableMap<String, String> digests = new TreeMap<>();
        Map<String, String> texts = new HashMap<>();
        boolean odd = false;
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(tarGz))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.isDirectory()) {
                    continue;
                }
                String path = normalise(entry.getName());
                odd |= path.startsWith("/") || Arrays.asList(path.split("/")).contains("..");
                if (entry.isSymbolicLink() || entry.isLink()) {
                    odd = true;
                    digests.put(path, "link:" + entry.getLinkName());
                    continue;
                }
                boolean keep = keepsText(name(path)) && entry.getSize() <= MAX_TEXT_BYTES;
                ByteArrayOutputStream text = keep ? new ByteArrayOutputStream() : null;
                sha256.reset();
                for (int n; (n = tar.read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, n);
                    if (text != null) {
                        text.write(buffer, 0, n);
                    }
                }
                digests.put(path, HexFormat.of().formatHex(sha256.digest()));
                if (text != null) {
                    texts.put(path, text.toString(StandardCharsets.UTF_8));
                }
            }
        }
        return new TreeIndex(digests, texts, odd);
    }

    /** Every file's path and digest, in path order. */
    NavigableMap<String, String> digests() {
        return digests;
    }

    /** The files below {@code dir} ("" is the whole tree). */
    NavigableMap<String, String> under(String dir) {
        return dir.isEmpty() ? digests : digests.subMap(dir + "/", true, dir + "/\uffff", false);
    }

    public boolean isFile(String path) {
        return digests.containsKey(path);
    }

    public boolean isDirectory(String path) {
        return path.isEmpty() || !under(path).isEmpty();
    }

    /** The text of a kustomization file, or null when it is not one this index kept. */
    String kustomization(String path) {
        return KUSTOMIZATION_NAMES.contains(name(path)) ? texts.get(path) : null;
    }

    /**
     * The text of a file whose name {@link #keepsText} (an Argo CD .argocd-source file, a kustomization);
     * null when the tree has no such file, or it was too large to keep.
     */
    public String text(String path) {
        return texts.get(path);
    }

    /**
     * Links (and names with "..") can make a build read files a walk of the names does not see:
     * the closure of any render in such a tree is the whole tree.
     */
    boolean hasLinksOrOddNames() {
        return hasLinksOrOddNames;
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** "./apps/web/" and "apps/web" name the same entry. */
    static String normalise(String name) {
        String path = name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.equals(".") ? "" : path;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
