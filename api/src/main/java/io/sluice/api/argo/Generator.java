package io.sluice.api.argo;

import io.sluice.api.meta.LabelSelector;
import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.read.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One item of an ApplicationSet's spec.generators (or of a matrix or merge generator's generators):
 * the generators it sets, each producing parameter sets for the template, and the selector that
 * filters what they produce. Generators Sluice does not read yet (scmProvider, pullRequest,
 * clusterDecisionResource, plugin) are warnings; a generator's own {@code template} overrides parts of
 * the ApplicationSet's and is kept as written.
 *
 * @param list null when not set; likewise each generator
 * @param selector the post-selector of the parameter sets; null when not written
 */
public record Generator(ListGenerator list, ClusterGenerator clusters, GitGenerator git, MatrixGenerator matrix,
        MergeGenerator merge, LabelSelector selector) {
    /** Matrix and merge generators nest in one another this deep at most (Argo CD's nested generators). */
    private static final int MAX_DEPTH = 2;
    private static final List<String> KINDS = List.of("list", "clusters", "git", "matrix", "merge", "scmProvider",
            "pullRequest", "clusterDecisionResource", "plugin");
    private static final String PLACEHOLDER = "{{";

    /**
     * @param elements the parameter sets, as written (any JSON values)
     * @param elementsYaml the parameter sets as a YAML list in a string (it may hold placeholders); null when not written
     * @param template the generator's template override, as written; empty when not written
     */
    public record ListGenerator(List<Object> elements, String elementsYaml, Map<String, Object> template) {

        static ListGenerator read(Node list) {
            return new ListGenerator(list.get("elements").list(Node::raw), list.get("elementsYaml").string(),
                    templateOverride(list));
        }
    }

    /**
     * The clusters Argo CD knows (its cluster Secrets), one parameter set each.
     *
     * @param selector the clusters' labels to match; null: every cluster
     * @param values parameters added to each set (they may hold placeholders)
     * @param flatList whether all clusters make one parameter set (a list) rather than one each
     */
    public record ClusterGenerator(LabelSelector selector, Map<String, String> values, boolean flatList,
            Map<String, Object> template) {

        static ClusterGenerator read(Node clusters) {
            return new ClusterGenerator(clusters.get("selector").object(LabelSelector::read),
                    clusters.get("values").stringMap(), clusters.get("flatList").bool(), templateOverride(clusters));
        }
    }

    /**
     * Folders or files of a Git repository, one parameter set each.
     *
     * @param revision the branch, tag or commit read (required, as in the CRD)
     * @param pathParamPrefix the prefix of the path parameters' names; null: none
     */
    public record GitGenerator(String repoUrl, String revision, List<PathPattern> directories, List<PathPattern> files,
            Map<String, String> values, String pathParamPrefix, Map<String, Object> template) {

        static GitGenerator read(Node git) {
            Node repoUrlField = git.get("repoURL");
            String repoUrl = ArgoFields.trimmed(repoUrlField.requiredString());
            // Placeholders are filled in by the other generator of a matrix.
            if (repoUrl != null && !repoUrl.contains(PLACEHOLDER)
                    && ArgoSourceIds.repositoryKey(repoUrl).isEmpty()) {
                repoUrlField.error("'" + RedactedUrl.of(repoUrl) + "' is not a Git repository URL");
            }
            git.accepted("requeueAfterSeconds");
            return new GitGenerator(repoUrl, git.get("revision").requiredString(),
                    git.get("directories").list(item -> item.object(PathPattern::read)),
                    git.get("files").list(item -> item.object(PathPattern::read)), git.get("values").stringMap(),
                    git.get("pathParamPrefix").string(), templateOverride(git));
        }
    }

    /** A glob of folders or files; {@code exclude}: the matches are left out. */
    public record PathPattern(String path, boolean exclude) {

        static PathPattern read(Node pattern) {
            return new PathPattern(pattern.get("path").requiredString(), pattern.get("exclude").bool());
        }
    }

    /** Every combination of the parameter sets of exactly two generators. */
    public record MatrixGenerator(List<Generator> generators, Map<String, Object> template) {
    }

    /**
     * The parameter sets of the first generator, merged with those of the others that have the same
     * values of {@code mergeKeys} (at least one).
     */
    public record MergeGenerator(List<String> mergeKeys, List<Generator> generators, Map<String, Object> template) {
    }

    static Generator read(Node item) {
        return read(item, 0);
    }

    private static Generator read(Node item, int depth) {
        List<String> set = new ArrayList<>();
        for (String kind : KINDS) {
            if (ArgoFields.has(item, kind)) {
                set.add(kind);
            }
        }
        if (set.isEmpty()) {
            item.error("sets no generator (" + String.join(", ", KINDS) + ")");
        } else if (depth > 0 && set.size() > 1) {
            item.error("sets " + String.join(" and ", set) + ": each generator of a matrix or merge sets exactly one");
        }
        item.unsupported("no Application is generated from it", "scmProvider", "pullRequest", "clusterDecisionResource",
                "plugin");
        return new Generator(item.get("list").object(ListGenerator::read),
                item.get("clusters").object(ClusterGenerator::read), item.get("git").object(GitGenerator::read),
                item.get("matrix").object(matrix -> matrix(matrix, depth)),
                item.get("merge").object(merge -> merge(merge, depth)),
                item.get("selector").object(LabelSelector::read));
    }

    private static MatrixGenerator matrix(Node matrix, int depth) {
        Node generators = matrix.get("generators");
        List<Generator> children = children(generators, depth);
        if (children != null && generators.isList() && ((List<?>) generators.raw()).size() != 2) {
            generators.error("must list exactly two generators, not " + ((List<?>) generators.raw()).size());
        }
        return new MatrixGenerator(children == null ? List.of() : children, templateOverride(matrix));
    }

    private static MergeGenerator merge(Node merge, int depth) {
        Node keys = merge.get("mergeKeys");
        List<String> mergeKeys = keys.strings();
        if (mergeKeys.isEmpty()) {
            keys.error("is required (at least one key)");
        }
        Node generators = merge.get("generators");
        List<Generator> children = children(generators, depth);
        if (children != null && generators.isList() && ((List<?>) generators.raw()).size() < 2) {
            generators.error("must list two generators or more, not " + ((List<?>) generators.raw()).size());
        }
        return new MergeGenerator(mergeKeys, children == null ? List.of() : children, templateOverride(merge));
    }

    /** The generators of a matrix or merge at {@code depth}; null (with an error) when it nests too deep. */
    private static List<Generator> children(Node generators, int depth) {
        if (depth >= MAX_DEPTH) {
            generators.error("cannot be nested here: Argo CD nests matrix and merge generators two levels deep at"
                    + " most");
            return null;
        }
        if (!generators.present()) {
            generators.error("is required");
        }
        return generators.list(item -> item.object(child -> read(child, depth + 1)));
    }

    /** A generator's {@code template}: parts of the ApplicationSet's template it replaces, checked as a mapping. */
    private static Map<String, Object> templateOverride(Node generator) {
        return generator.get("template").freeform();
    }
}
