package io.sluice.render.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks every path that the kustomization files of a build name, before kustomize runs on
 * untrusted repository content: the kustomization of the folder, and those of every base and
 * component it reaches. Absolute paths and paths leaving the repository are refused; so are remote
 * bases (Git URLs) unless allowed, and a base that is neither in the artifact nor remote, so that
 * kustomize never goes to the network to look for it. Errors name the kustomization file and entry.
 */
public final class KustomizationGuard {
    /** Kustomize's prefixes of a remote (Git) reference. */
    private static final List<String> REMOTE_PREFIXES = List.of("git::", "gh:", "ssh://", "https://", "http://",
            "git@", "github.com:", "github.com/");
    /** Fields whose entries are bases: folders of another kustomization, files, or (when allowed) URLs. */
    private static final List<String> BASE_FIELDS = List.of("resources", "bases", "components", "generators",
            "transformers", "validators");
    /** Fields whose entries are files read by the kustomization. */
    private static final List<String> FILE_FIELDS = List.of("crds", "configurations", "patchesStrategicMerge");

    private final boolean allowRemoteBases;

    public KustomizationGuard(boolean allowRemoteBases) {
        this.allowRemoteBases = allowRemoteBases;
    }

    /** Checks the kustomization of {@code dir} and all it reaches inside {@code tree}; throws every problem. */
    public void check(Path dir, Path tree) throws RenderException {
        List<String> errors = new ArrayList<>();
        Set<Path> visited = new HashSet<>();
        Deque<Path> folders = new ArrayDeque<>(List.of(dir));
        Path realTree;
        try {
            realTree = tree.toRealPath();
        } catch (IOException e) {
            throw new RenderException("cannot read the artifact folder: " + e.getMessage());
        }
        while (!folders.isEmpty()) {
            Path folder = folders.pop();
            Path file = KustomizationFile.find(folder);
            if (file == null || !visited.add(folder)) {
                continue;
            }
            Check check = new Check(tree, realTree, folder, RepositoryPaths.display(tree, file), errors);
            Map<String, Object> kustomization = KustomizationFile.read(file, check.origin);
            for (String field : BASE_FIELDS) {
                for (String entry : entries(kustomization.get(field))) {
                    Path base = check.base(field, entry);
                    if (base != null && Files.isDirectory(base)) {
                        folders.push(base);
                    }
                }
            }
            for (String field : FILE_FIELDS) {
                entries(kustomization.get(field)).forEach(entry -> check.file(field, entry));
            }
            checkNestedFiles(kustomization, check);
        }
        if (!errors.isEmpty()) {
            throw new RenderException(errors);
        }
    }

    /** Paths inside list items: patches, replacements, generator files, the OpenAPI schema. */
    private static void checkNestedFiles(Map<String, Object> kustomization, Check check) {
        for (String field : List.of("patches", "patchesJson6902", "replacements")) {
            for (Map<?, ?> item : items(kustomization.get(field))) {
                if (item.get("path") instanceof String path) {
                    check.file(field + ".path", path);
                }
            }
        }
        for (String field : List.of("configMapGenerator", "secretGenerator")) {
            for (Map<?, ?> item : items(kustomization.get(field))) {
                // "files" entries may be written key=path.
                entries(item.get("files")).forEach(entry -> check.file(field + ".files",
                        entry.substring(entry.indexOf('=') + 1)));
                entries(item.get("envs")).forEach(entry -> check.file(field + ".envs", entry));
                if (item.get("env") instanceof String env) {
                    check.file(field + ".env", env);
                }
            }
        }
        if (kustomization.get("openapi") instanceof Map<?, ?> openapi && openapi.get("path") instanceof String path) {
            check.file("openapi.path", path);
        }
    }

    /** The checks of one kustomization file's entries, which are relative to its folder. */
    private final class Check {
        private final Path tree;
        private final Path realTree;
        private final Path folder;
        private final String origin;
        private final List<String> errors;

        Check(Path tree, Path realTree, Path folder, String origin, List<String> errors) {
            this.tree = tree;
            this.realTree = realTree;
            this.folder = folder;
            this.origin = origin;
            this.errors = errors;
        }

        /** A base entry; returns the local path it names, or null when it is refused or remote. */
        Path base(String field, String entry) {
            Path local = resolve(field, entry);
            if (local == null) {
                return null;
            }
            if (local.startsWith(tree) && Files.exists(local)) {
                return linkStaysInside(field, entry, local) ? local : null;
            }
            if (isRemote(entry)) {
                if (!allowRemoteBases) {
                    errors.add(origin + ": " + field + " entry '" + entry + "' is a remote base: refused"
                            + " (sluice.render.allow-remote-bases is false)");
                }
            } else if (!local.startsWith(tree)) {
                errors.add(origin + ": " + field + " entry '" + entry + "' leaves the repository: refused");
            } else {
                errors.add(origin + ": " + field + " entry '" + entry + "' not found in the artifact");
            }
            return null;
        }

        /** A file entry: only its place is checked; kustomize reports a missing file itself. */
        void file(String field, String entry) {
            // An inline patch is YAML text, not a path.
            Path local = entry.contains("\n") ? null : resolve(field, entry);
            if (local == null) {
                return;
            }
            if (!local.startsWith(tree)) {
                errors.add(origin + ": " + field + " entry '" + entry + "' leaves the repository: refused");
            } else if (Files.exists(local)) {
                linkStaysInside(field, entry, local);
            }
        }

        /** The entry resolved in the folder, or null (and an error) when it is an absolute path. */
        private Path resolve(String field, String entry) {
            String path = entry.toLowerCase(Locale.ROOT).startsWith("file://") ? entry.substring(7) : entry;
            if (path.startsWith("/")) {
                errors.add(origin + ": " + field + " entry '" + entry + "' is an absolute path: refused");
                return null;
            }
            try {
                return folder.resolve(path).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                errors.add(origin + ": " + field + " entry '" + entry + "' is not a valid path");
                return null;
            }
        }

        private boolean linkStaysInside(String field, String entry, Path local) {
            try {
                if (local.toRealPath().startsWith(realTree)) {
                    return true;
                }
                errors.add(origin + ": " + field + " entry '" + entry + "' is a link leaving the repository: refused");
            } catch (IOException e) {
                errors.add(origin + ": " + field + " entry '" + entry + "': " + e.getMessage());
            }
            return false;
        }
    }

    /** What kustomize would fetch with Git: its remote prefixes, any URL, or host.name/path. */
    static boolean isRemote(String entry) {
        String lower = entry.toLowerCase(Locale.ROOT);
        return REMOTE_PREFIXES.stream().anyMatch(lower::startsWith) || lower.matches("[a-z][a-z0-9+.-]*://.*")
                || lower.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+(:[0-9]+)?/.+");
    }

    /** Flux's rule for spec.components: neither remote nor absolute. */
    static boolean isLocalRelative(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (REMOTE_PREFIXES.stream().anyMatch(prefix -> lower.length() > prefix.length() && lower.startsWith(prefix))) {
            return false;
        }
        String local = lower.startsWith("file://") ? path.substring(7) : path;
        return !local.startsWith("/");
    }

    private static List<String> entries(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    private static List<Map<?, ?>> items(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
    }
}
