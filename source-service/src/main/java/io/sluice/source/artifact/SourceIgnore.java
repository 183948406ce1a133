package io.sluice.source.artifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;

/**
 * Which paths of a tree stay out of its artifact, as Flux decides: gitignore rules from
 * {@code spec.ignore} and from every {@code .sourceignore} file of the tree (each applies to its own
 * folder), over Flux's default exclusions. The later rule wins, so {@code spec.ignore} overrules
 * the files and a sub-folder's file overrules its parents'. As soon as any such rule exists, only
 * the version-control files stay excluded by default. An ignored folder is left out whole, as
 * git does, so nothing inside it can be brought back.
 */
public final class SourceIgnore {
    public static final String FILE_NAME = ".sourceignore";
    /** Nothing ignored. */
    public static final SourceIgnore NONE = new SourceIgnore(List.of());

    private static final String VCS = ".git/\n.gitignore\n.gitmodules\n.gitattributes\n";
    private static final String DEFAULTS = VCS
            + "*.jpg\n*.jpeg\n*.gif\n*.png\n*.wmv\n*.flv\n*.tar.gz\n*.zip\n"
            + ".github/\n.circleci/\n.travis.yml\n.gitlab-ci.yml\nappveyor.yml\n.drone.yml\ncloudbuild.yaml\n"
            + "codeship-services.yml\ncodeship-steps.yml\n"
            + "**/.goreleaser.yml\n**/.sops.yaml\n**/.flux.yaml\n";

    /** The rules read from one place, applying to paths under {@code folder} ("" or "a/b/"). */
    private record Rules(String folder, IgnoreNode node) {
    }

    /** Highest precedence first. */
    private final List<Rules> rules;

    private SourceIgnore(List<Rules> rules) {
        this.rules = rules;
    }

    /** The rules for {@code tree}: its .sourceignore files, {@code specIgnore} (may be null) and the defaults. */
    public static SourceIgnore of(Repository repository, RevTree tree, String specIgnore) throws IOException {
        List<Rules> rules = new ArrayList<>();
        if (specIgnore != null) {
            rules.add(new Rules("", parse(specIgnore)));
        }
        List<Rules> files = ignoreFiles(repository, tree);
        files.sort(Comparator.comparingInt((Rules r) -> r.folder().length()).reversed());
        rules.addAll(files);
        boolean anyUserRule = rules.stream().anyMatch(r -> !r.node().getRules().isEmpty());
        rules.add(new Rules("", parse(anyUserRule ? VCS : DEFAULTS)));
        return new SourceIgnore(List.copyOf(rules));
    }

    /** Whether {@code path} (relative to the tree's root, no trailing slash) is left out. */
    public boolean ignored(String path, boolean directory) {
        for (Rules rule : rules) {
            if (path.startsWith(rule.folder())) {
                Boolean ignored = rule.node().checkIgnored(path.substring(rule.folder().length()), directory);
                if (ignored != null) {
                    return ignored;
                }
            }
        }
        return false;
    }

    private static List<Rules> ignoreFiles(Repository repository, RevTree tree) throws IOException {
        List<Rules> files = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            walk.setFilter(PathSuffixFilter.create(FILE_NAME));
            while (walk.next()) {
                if (walk.getNameString().equals(FILE_NAME) && FileMode.REGULAR_FILE.equals(walk.getRawMode(0))) {
                    String path = walk.getPathString();
                    IgnoreNode node = new IgnoreNode();
                    try (InputStream in = repository.open(walk.getObjectId(0)).openStream()) {
                        node.parse(path, in);
                    }
                    files.add(new Rules(path.substring(0, path.length() - FILE_NAME.length()), node));
                }
            }
        }
        return files;
    }

    private static IgnoreNode parse(String text) {
        IgnoreNode node = new IgnoreNode();
        try {
            node.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }
}
