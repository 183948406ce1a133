package io.sluice.render.closure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The files of one artifact that one render can read, and their digest, so that a commit touching
 * none of them is known not to change its result. Gathered by what the render does with them:
 * <ul>
 * <li>a kustomize build ({@link #kustomization}): kustomize builds with its load restrictor on, so a
 * kustomization reads only files below its own folder, plus the folders its entries name elsewhere
 * (bases, components): every file below the folder, then, for each kustomization file met, every path
 * its entries name (any string value of the file that names a file or folder of the tree: resources,
 * patches, generator files, replacements, whatever the field), folders taken whole, recursively;</li>
 * <li>the files below a folder that a render picks by name ({@link #below}), or named files ({@link #file});</li>
 * <li>a Helm chart artifact, or any render that may read everything: the whole tree ({@link #whole}).</li>
 * </ul>
 * A path read that is absent counts as absent, so adding it later changes the digest. Links could lead
 * anywhere: in a tree that has any, the closure is the whole tree.
 * <p>
 * A render needs only these files: unpacking just them keeps a render of one application in a
 * monorepo as cheap as in a repository of its own.
 */
public final class FileClosure {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String ABSENT = "absent";

    /** The digest of the files a render can read, and which entries of the artifact they are. */
    public record ReadFiles(String digest, Predicate<String> includes) {
        /** The whole tree, known by a digest of the caller's choosing. */
        public static ReadFiles all(String digest) {
            return new ReadFiles(digest, entry -> true);
        }
    }

    private final TreeIndex tree;
    private final Map<String, String> read = new TreeMap<>();
    private boolean whole;

    /** An empty closure of {@code tree}, or its whole tree when it has links. */
    public FileClosure(TreeIndex tree) {
        this.tree = tree;
        this.whole = tree.hasLinksOrOddNames();
    }

    /**
     * The files a kustomize build of {@code path} can read, with {@code moreFolders} (relative to
     * {@code path}, as Flux's spec.components are) also reached.
     */
    public static ReadFiles of(TreeIndex tree, String path, List<String> moreFolders) {
        return new FileClosure(tree).kustomization(resolve("", path), moreFolders).result();
    }

    /** The closure of a chart, or of any render that may read everything: the whole tree. */
    public static ReadFiles whole(TreeIndex tree) {
        return new FileClosure(tree).whole().result();
    }

    /** Every file of the tree. */
    public FileClosure whole() {
        whole = true;
        return this;
    }

    /** The file {@code path} (a normalised tree path, see {@link #resolve}), or its absence. */
    public FileClosure file(String path) {
        read.put(path, tree.isFile(path) ? tree.digests().get(path) : ABSENT);
        return this;
    }

    /** The files below {@code dir} whose path relative to it {@code picked} accepts. */
    public FileClosure below(String dir, Predicate<String> picked) {
        int prefix = dir.isEmpty() ? 0 : dir.length() + 1;
        tree.under(dir).forEach((file, digest) -> {
            if (picked.test(file.substring(prefix))) {
                read.put(file, digest);
            }
        });
        return this;
    }

    /**
     * What a kustomize build of the folder {@code dir} reads, with {@code moreFolders} (relative to it)
     * also reached; the whole tree when {@code dir} is null (absolute, or outside the tree).
     */
    public FileClosure kustomization(String dir, List<String> moreFolders) {
        if (dir == null) {
            return whole();
        }
        Set<String> visited = new HashSet<>();
        Deque<String> folders = new ArrayDeque<>();
        folders.add(dir);
        for (String folder : moreFolders) {
            String resolved = resolve(dir, folder);
            if (resolved != null) {
                folders.add(resolved);
                read.putIfAbsent(resolved, tree.isDirectory(resolved) ? "folder" : ABSENT);
            }
        }
        while (!folders.isEmpty()) {
            String folder = folders.pop();
            if (!visited.add(folder)) {
                continue;
            }
            tree.under(folder).forEach((file, digest) -> {
                read.put(file, digest);
                String text = tree.kustomization(file);
                if (text != null) {
                    for (String named : namedPaths(text, parent(file))) {
                        if (tree.isFile(named)) {
                            read.put(named, tree.digests().get(named));
                        } else if (tree.isDirectory(named)) {
                            folders.add(named);
                        } else {
                            read.putIfAbsent(named, ABSENT);
                        }
                    }
                }
            });
        }
        return this;
    }

    /** The digest of the files gathered, and which entries of the artifact they are. */
    public ReadFiles result() {
        if (whole) {
            return ReadFiles.all(digest(tree.digests()));
        }
        Set<String> files = Set.copyOf(read.keySet());
        return new ReadFiles(digest(read), entry -> files.contains(TreeIndex.normalise(entry)));
    }

    /** {@code entry} relative to folder {@code dir} of the tree, or null when it is absolute or leaves the tree. */
    public static String resolve(String dir, String entry) {
        if (entry.startsWith("/")) {
            return null;
        }
        try {
            Path joined = Path.of(dir.isEmpty() ? "." : dir).resolve(entry).normalize();
            String path = TreeIndex.normalise(joined.toString().replace('\\', '/'));
            return path.equals("..") || path.startsWith("../") ? null : path;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The repository paths a kustomization's string values name, resolved from its folder. */
    private static Set<String> namedPaths(String text, String dir) {
        Set<String> paths = new HashSet<>();
        List<String> strings = new ArrayList<>();
        try {
            for (JsonNode document : YAML.readValues(YAML.getFactory().createParser(text), JsonNode.class)
                    .readAll()) {
                collectStrings(document, strings);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // The text is in the digest already; kustomize will report the bad file itself.
            return paths;
        }
        for (String value : strings) {
            if (value.isBlank() || value.contains("\n") || value.length() > 1024) {
                continue;
            }
            // Generator "files" entries may be written key=path.
            for (String candidate : List.of(value, value.substring(value.indexOf('=') + 1))) {
                String resolved = resolve(dir, candidate.startsWith("file://") ? candidate.substring(7) : candidate);
                if (resolved != null) {
                    paths.add(resolved);
                }
            }
        }
        return paths;
    }

    private static void collectStrings(JsonNode node, List<String> strings) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            strings.add(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectStrings(child, strings));
        }
    }

    private static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    private static String digest(Map<String, String> files) {
        MessageDigest sha256 = TreeIndex.sha256();
        files.forEach((path, digest) -> sha256.update((path + '\0' + digest + '\n').getBytes(StandardCharsets.UTF_8)));
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }
}
