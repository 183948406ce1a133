package io.sluice.source.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeArchiverTest {
    private static final String LONG_PATH = "deep/" + "a-rather-long-folder-name/".repeat(5) + "file.yaml";

    @TempDir
    Path dir;
    private Repository repository;

    @BeforeEach
    void repository() throws IOException {
        repository = new FileRepositoryBuilder().setGitDir(dir.resolve("repo.git").toFile()).setBare().build();
        repository.create(true);
    }

    @Test
    void theSameTreeGivesTheSameBytesWithSortedEntriesAndFixedMetadata() throws IOException {
        RevTree tree = tree(Map.of("b.yaml", "b", "a/x.yaml", "x", LONG_PATH, "long", "run.sh", "#!/bin/sh\n"),
                Map.of(), List.of("run.sh"));

        byte[] first = archive(tree);
        assertArrayEquals(first, archive(tree));
        List<TarArchiveEntry> entries = read(first);
        List<String> names = entries.stream().map(TarArchiveEntry::getName).toList();
        assertEquals(names.stream().sorted().toList(), names);
        assertTrue(names.contains(LONG_PATH), names.toString());
        for (TarArchiveEntry entry : entries) {
            assertEquals(0, entry.getModTime().getTime(), entry.getName());
            assertEquals("", entry.getUserName(), entry.getName());
            int expectedMode = entry.isDirectory() || entry.getName().equals("run.sh") ? 0755 : 0644;
            assertEquals(expectedMode, entry.getMode() & 0777, entry.getName());
        }
    }

    @Test
    void keepsLinksThatStayInsideAndRefusesOnesThatLeave() throws IOException {
        RevTree inside = tree(Map.of("docs/guide.md", "hi"), Map.of("guide", "docs/guide.md", "docs/self", "../docs"),
                List.of());
        TarArchiveEntry link = read(archive(inside)).stream().filter(e -> e.getName().equals("guide")).findFirst()
                .orElseThrow();
        assertTrue(link.isSymbolicLink());
        assertEquals("docs/guide.md", link.getLinkName());

        for (Map<String, String> links : List.of(Map.of("up", ".."), Map.of("etc", "/etc/passwd"),
                // every link looks inside on its own, but "x/q" lands at the root, so "p" climbs out through it
                Map.of("x/q", "../y", "p", "x/q/../.."))) {
            RevTree outside = tree(Map.of("y/file", "y"), links, List.of());
            ArchiveException refused = assertThrows(ArchiveException.class, () -> archive(outside));
            assertTrue(refused.getMessage().startsWith("symlink '"), refused.getMessage());
        }
    }

    @Test
    void leavesOutWhatTheIgnoreRulesSay() throws IOException {
        RevTree tree = tree(Map.of("app/deploy.yaml", "a", "app/logo.png", "p", ".github/ci.yml", "c",
                "app/.sops.yaml", "s", "app/notes.txt", "n"), Map.of(), List.of());
        assertEquals(List.of("app/", "app/deploy.yaml", "app/notes.txt"), names(tree, null), "Flux's defaults");
        assertEquals(List.of(".github/", ".github/ci.yml", "app/", "app/.sops.yaml", "app/deploy.yaml", "app/logo.png"),
                names(tree, "*.txt\n"), "spec.ignore replaces the defaults but for version-control files");

        RevTree withFiles = tree(Map.of("app/deploy.yaml", "a", "app/notes.txt", "n", "app/.sourceignore",
                "/deploy.yaml\n", "deploy.yaml", "root", ".sourceignore", "*.txt\n"), Map.of(), List.of());
        assertEquals(List.of(".sourceignore", "app/", "app/.sourceignore", "deploy.yaml"), names(withFiles, null),
                "a sub-folder's .sourceignore anchors its patterns at that folder");
        assertEquals(List.of(".sourceignore", "app/", "app/.sourceignore", "app/notes.txt", "deploy.yaml"),
                names(withFiles, "!app/notes.txt\n"), "spec.ignore overrules the files");
    }

    @Test
    void refusesAPathWithADotDotComponent() throws IOException {
        RevTree tree = tree(Map.of("ok.yaml", "x"), Map.of(), List.of());
        TreeFormatter root = new TreeFormatter();
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            root.append("..", FileMode.TREE, tree);
            ObjectId id = inserter.insert(root);
            inserter.flush();
            try (RevWalk walk = new RevWalk(repository)) {
                RevTree escaping = walk.parseTree(id);
                ArchiveException refused = assertThrows(ArchiveException.class, () -> archive(escaping));
                assertTrue(refused.getMessage().startsWith("path '..' has a '..' component"), refused.getMessage());
            }
        }
    }

    private List<String> names(RevTree tree, String specIgnore) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeArchiver().write(repository, tree, SourceIgnore.of(repository, tree, specIgnore), out);
        return read(out.toByteArray()).stream().map(TarArchiveEntry::getName).toList();
    }

    private byte[] archive(RevTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeArchiver().write(repository, tree, out);
        return out.toByteArray();
    }

    private static List<TarArchiveEntry> read(byte[] targz) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(targz)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Builds a tree straight into the object database: files, symlinks (path to target) and executables. */
    private RevTree tree(Map<String, String> files, Map<String, String> links, List<String> executables)
            throws IOException {
        Map<String, Object> root = new TreeMap<>();
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            files.forEach((path, content) -> put(root, path, blob(inserter, content,
                    executables.contains(path) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE)));
            links.forEach((path, target) -> put(root, path, blob(inserter, target, FileMode.SYMLINK)));
            ObjectId id = insert(inserter, root);
            inserter.flush();
            try (RevWalk walk = new RevWalk(repository)) {
                return walk.parseTree(id);
            }
        }
    }

    private record Blob(ObjectId id, FileMode mode) {
    }

    private static Blob blob(ObjectInserter inserter, String content, FileMode mode) {
        try {
            return new Blob(inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)), mode);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> folder, String path, Blob blob) {
        int slash = path.indexOf('/');
        if (slash < 0) {
            folder.put(path, blob);
        } else {
            put((Map<String, Object>) folder.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>()),
                    path.substring(slash + 1), blob);
        }
    }

    /** Git sorts a folder's entries as if folder names ended with '/'. */
    @SuppressWarnings("unchecked")
    private static ObjectId insert(ObjectInserter inserter, Map<String, Object> folder) throws IOException {
        TreeMap<String, Object> gitOrder = new TreeMap<>();
        folder.forEach((name, value) -> gitOrder.put(value instanceof Map ? name + "/" : name, value));
        TreeFormatter formatter = new TreeFormatter();
        for (var entry : gitOrder.entrySet()) {
            if (entry.getValue() instanceof Blob blob) {
                formatter.append(entry.getKey(), blob.mode(), blob.id());
            } else {
                String name = entry.getKey().substring(0, entry.getKey().length() - 1);
                formatter.append(name, FileMode.TREE, insert(inserter, (Map<String, Object>) entry.getValue()));
            }
        }
        return inserter.insert(formatter);
    }
}
