package io.sluice.source.webhook;

import io.sluice.api.ObjectRef;
import io.sluice.api.argo.Application;
import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.argo.ImplicitSource;
import io.sluice.api.read.ReadResult;
import io.sluice.api.source.GitRepository;
import io.sluice.events.ConfigDocument;
import io.sluice.source.git.ArgoTargetRevision;
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
 * repository (compared as {@link ArgoSourceIds#repositoryKey} keys) and a ref the push moved
 * ({@link GitReference#movedBy}). Documents that do not read concern no push.
 */
final class PushedSources {

    static List<ObjectRef> of(Push push, Map<String, ConfigDocument> config) {
        Set<String> repositories = push.repositoryUrls().stream().map(ArgoSourceIds::repositoryKey)
                .flatMap(Optional::stream).collect(Collectors.toSet());
        Stream<ObjectRef> defined = config.values().stream()
                .filter(document -> GitRepository.KIND.matches(document.ref()))
                .filter(document -> {
                    ReadResult<GitRepository> read = document.read(GitRepository.KIND);
                    return read.valid() && sameRepository(read.value().spec().url(), repositories)
                            && GitReference.of(read.value().spec().ref()).movedBy(push.refs());
                })
                .map(ConfigDocument::ref);
        Stream<ObjectRef> implicit = config.values().stream()
                .filter(document -> Application.KIND.matches(document.ref()))
                .map(document -> document.read(Application.KIND)).filter(ReadResult::valid)
                .flatMap(read -> read.value().spec().origins().stream())
                .filter(ImplicitSource.Git.class::isInstance).map(ImplicitSource.Git.class::cast)
                .filter(source -> sameRepository(source.url(), repositories)
                        && ArgoTargetRevision.reference(source.revision()).movedBy(push.refs()))
                .map(ImplicitSource.Git::ref);
        return Stream.concat(defined, implicit).distinct().sorted(Comparator.comparing(ObjectRef::id)).toList();
    }

    private static boolean sameRepository(String url, Set<String> repositories) {
        return ArgoSourceIds.repositoryKey(url).map(repositories::contains).orElse(false);
    }

    private PushedSources() {
    }
}
