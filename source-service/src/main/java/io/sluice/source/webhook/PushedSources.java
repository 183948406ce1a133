package io.sluice.source.webhook;

import static io.sluice.source.config.DocumentFields.at;

import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import io.sluice.source.git.ArgoGitRepositories;
import io.sluice.source.git.GitReference;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The GitRepositories, and the implicit sources of Argo CD Applications, a push concerns: same
 * repository (compared as {@link ArgoSourceIds#repositoryKey} keys) and a ref the push moved. A branch ref follows its branch (master when no ref is given, as in Flux), a
 * tag its tag, a semver range any tag, a name that exact ref; a fixed commit never moves.
 */
final class PushedSources {
    private static final String GIT_REPOSITORY_GROUP = "source.toolkit.fluxcd.io";
    private static final String ARGO_GROUP = "argoproj.io";
    private static final String DEFAULT_BRANCH = "master";

    static List<ObjectRef> of(Push push, Map<String, ConfigDocument> config) {
        Set<String> repositories = push.repositoryUrls().stream().map(ArgoSourceIds::repositoryKey).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        Stream<ObjectRef> defined = config.values().stream()
                .filter(document -> GIT_REPOSITORY_GROUP.equals(document.ref().group())
                        && "GitRepository".equals(document.ref().kind()))
                .filter(document -> ArgoSourceIds.repositoryKey(text(document, "spec.url")).map(repositories::contains)
                        .orElse(false))
                .filter(document -> follows(document, push.refs()))
                .map(ConfigDocument::ref);
        Stream<ObjectRef> implicit = config.values().stream()
                .filter(document -> ARGO_GROUP.equals(document.ref().group())
                        && "Application".equals(document.ref().kind()))
                .flatMap(document -> ArgoGitRepositories.parse(document.document()).sources().stream())
                .filter(wanted -> ArgoSourceIds.repositoryKey(wanted.url()).map(repositories::contains).orElse(false))
                .filter(wanted -> follows(wanted.reference(), push.refs()))
                .map(ArgoGitRepositories.Wanted::ref);
        return Stream.concat(defined, implicit).distinct().sorted(Comparator.comparing(ObjectRef::id)).toList();
    }

    /**
     * An Argo CD targetRevision: a commit never moves, a range follows any tag, HEAD any branch (the
     * push does not say which is the default: one ls-remote too many is cheap), a name its branch or tag.
     */
    private static boolean follows(GitReference reference, List<String> refs) {
        if (reference.commit() != null) {
            return false;
        }
        if (reference.semver() != null) {
            return refs.stream().anyMatch(ref -> ref.startsWith("refs/tags/"));
        }
        String revision = reference.targetRevision();
        if (ArgoSourceIds.HEAD.equals(revision)) {
            return refs.stream().anyMatch(ref -> ref.startsWith("refs/heads/"));
        }
        return refs.contains(revision) || refs.contains("refs/heads/" + revision) || refs.contains("refs/tags/" + revision);
    }

    /** Flux's precedence of spec.ref: commit, name, semver, tag, branch. */
    private static boolean follows(ConfigDocument document, List<String> refs) {
        if (text(document, "spec.ref.commit") != null) {
            return false;
        }
        String name = text(document, "spec.ref.name");
        if (name != null) {
            return refs.contains(name);
        }
        if (text(document, "spec.ref.semver") != null) {
            return refs.stream().anyMatch(ref -> ref.startsWith("refs/tags/"));
        }
        String tag = text(document, "spec.ref.tag");
        if (tag != null) {
            return refs.contains("refs/tags/" + tag);
        }
        String branch = text(document, "spec.ref.branch");
        return refs.contains("refs/heads/" + (branch == null ? DEFAULT_BRANCH : branch));
    }

    private static String text(ConfigDocument document, String path) {
        return at(document.document(), path) instanceof String value && !value.isBlank() ? value : null;
    }

    private PushedSources() {
    }
}
