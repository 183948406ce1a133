package io.sluice.source.git;

import io.sluice.events.ConfigDocument;
import io.sluice.source.SourceEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The implicit Git sources of Argo CD Applications, following sluice.config: one per
 * (repository, targetRevision) however many Applications use it, so that they all cost one
 * ls-remote per interval. Each is polled by {@link GitSources} like a GitRepository, and goes
 * (its artifact tombstoned) when no Application uses it any more. Reads are anonymous: Argo CD's
 * repository Secrets are not read yet, so a private repository fails with the remote's 401.
 */
@ApplicationScoped
public class ArgoGitSources {
    private static final Logger LOG = Logger.getLogger(ArgoGitSources.class);
    private static final String APPLICATION_PREFIX = "argoproj.io/Application/";
    private static final List<String> SCHEME_PREFERENCE = List.of("https", "http", "git", "file", "ssh");

    @Inject
    GitSources sources;
    @Inject
    SourceEvents events;
    @ConfigProperty(name = "sluice.source.git.argo-interval", defaultValue = "3m")
    Duration interval;

    /** Application id to the implicit sources it uses, by source id. */
    private final Map<String, Map<String, ArgoGitRepositories.Wanted>> used = new HashMap<>();

    /** Follows sluice.config: an Application added, changed or deleted (null). Other kinds are not read here. */
    public synchronized void onConfig(String key, ConfigDocument document) {
        if (!key.startsWith(APPLICATION_PREFIX)) {
            return;
        }
        Map<String, ArgoGitRepositories.Wanted> before = used.getOrDefault(key, Map.of());
        Map<String, ArgoGitRepositories.Wanted> now = document == null ? Map.of() : parse(document);
        if (now.isEmpty()) {
            used.remove(key);
        } else {
            used.put(key, now);
        }
        Set<String> touched = new HashSet<>(before.keySet());
        touched.addAll(now.keySet());
        touched.forEach(this::update);
    }

    private Map<String, ArgoGitRepositories.Wanted> parse(ConfigDocument document) {
        ArgoGitRepositories.Parsed parsed = ArgoGitRepositories.parse(document.document());
        for (String problem : parsed.problems()) {
            String message = document.origin() + ": Application " + document.ref().namespace() + "/"
                    + document.ref().name() + ": " + problem;
            LOG.error(message);
            events.error(document.ref(), "UnsupportedSource", message, null);
        }
        return parsed.sources().stream().collect(Collectors.toMap(wanted -> wanted.ref().id(), wanted -> wanted));
    }

    /**
     * Keeps one implicit source equal to what its Applications ask: gone when none uses it, else read
     * over the URL form that needs no credentials most likely (https before ssh), so that an scp-like
     * and an https name of one repository share one anonymous source.
     */
    private void update(String sourceId) {
        List<ArgoGitRepositories.Wanted> users = used.values().stream().map(bySource -> bySource.get(sourceId))
                .filter(Objects::nonNull).toList();
        if (users.isEmpty()) {
            sources.removeImplicit(sourceId);
            return;
        }
        ArgoGitRepositories.Wanted chosen = users.stream()
                .min(Comparator.comparing((ArgoGitRepositories.Wanted wanted) -> schemeRank(wanted.url()))
                        .thenComparing(ArgoGitRepositories.Wanted::url))
                .orElseThrow();
        sources.putImplicit(chosen.ref(),
                new GitRepositorySpec(chosen.url(), chosen.reference(), interval, false, null, null, null));
    }

    private static int schemeRank(String url) {
        int rank = SCHEME_PREFERENCE.indexOf(url.substring(0, url.indexOf(':')));
        return rank < 0 ? SCHEME_PREFERENCE.size() : rank;
    }
}
