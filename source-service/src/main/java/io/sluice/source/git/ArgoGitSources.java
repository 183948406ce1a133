package io.sluice.source.git;

import io.sluice.api.argo.Application;
import io.sluice.api.argo.ImplicitSource;
import io.sluice.api.read.ReadResult;
import io.sluice.api.status.Reasons;
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
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The implicit Git sources of Argo CD Applications, following sluice.config: one per
 * (repository, targetRevision) however many Applications use it, so that they all cost one
 * ls-remote per interval. An Application's Git sources are those of the sources Argo CD renders
 * ({@code spec.sources} when set, else {@code spec.source}), as api reads them. Each is polled by
 * {@link GitSources} like a GitRepository, and goes (its artifact tombstoned) when no Application
 * uses it any more. Reads are anonymous: Argo CD's repository Secrets are not read yet, so a private
 * repository fails with the remote's 401.
 */
@ApplicationScoped
public class ArgoGitSources {
    private static final Logger LOG = Logger.getLogger(ArgoGitSources.class);
    private static final List<String> SCHEME_PREFERENCE = List.of("https", "http", "git", "file", "ssh");

    private final GitSources sources;
    private final SourceEvents events;
    private final Duration interval;
    private final Duration timeout;
    /** Application id to the implicit Git sources it reads, each spelling of a repository's URL once. */
    private final Map<String, List<ImplicitSource.Git>> used = new HashMap<>();

    @Inject
    public ArgoGitSources(GitSources sources, SourceEvents events,
            @ConfigProperty(name = "sluice.source.git.argo-interval", defaultValue = "3m") Duration interval,
            @ConfigProperty(name = "sluice.source.git-timeout", defaultValue = "60s") Duration timeout) {
        this.sources = sources;
        this.events = events;
        this.interval = interval;
        this.timeout = timeout;
    }

    /**
     * Follows sluice.config: an Application added, changed or deleted (null). Other kinds are not read
     * here. An Application that does not read (published by an older version, or not by the config
     * readers) is reported here, for source-service, and keeps the sources it had.
     */
    public synchronized void onConfig(String key, ConfigDocument document) {
        if (!Application.KIND.keys(key)) {
            return;
        }
        List<ImplicitSource.Git> before = used.getOrDefault(key, List.of());
        List<ImplicitSource.Git> now = List.of();
        if (document != null) {
            ReadResult<Application> read = document.read(Application.KIND);
            if (!read.valid()) {
                String message = String.join("; ", read.errorMessages());
                LOG.error(message);
                events.error(document.ref(), Reasons.CONFIG_INVALID, message, null);
                return;
            }
            now = gitSources(read.value());
        }
        if (now.isEmpty()) {
            used.remove(key);
        } else {
            used.put(key, now);
        }
        Set<String> touched = new HashSet<>();
        before.forEach(source -> touched.add(source.ref().id()));
        now.forEach(source -> touched.add(source.ref().id()));
        touched.forEach(this::update);
    }

    /** The Git sources of the sources Argo CD renders for {@code application}; its charts are Helm's. */
    static List<ImplicitSource.Git> gitSources(Application application) {
        return application.spec().origins().stream().filter(ImplicitSource.Git.class::isInstance)
                .map(ImplicitSource.Git.class::cast).toList();
    }

    /**
     * Keeps one implicit source equal to what its Applications ask: gone when none uses it, else read
     * over the URL form that needs no credentials most likely (https before ssh), so that an scp-like
     * and an https name of one repository share one anonymous source.
     */
    private void update(String sourceId) {
        List<ImplicitSource.Git> users = used.values().stream().flatMap(List::stream)
                .filter(source -> source.ref().id().equals(sourceId)).toList();
        if (users.isEmpty()) {
            sources.removeImplicit(sourceId);
            return;
        }
        ImplicitSource.Git chosen = users.stream()
                .min(Comparator.comparing((ImplicitSource.Git source) -> schemeRank(source.url()))
                        .thenComparing(ImplicitSource.Git::url))
                .orElseThrow();
        sources.putImplicit(chosen.ref(), PolledRepository.implicit(chosen, interval, timeout));
    }

    private static int schemeRank(String url) {
        int rank = SCHEME_PREFERENCE.indexOf(url.substring(0, url.indexOf(':')));
        return rank < 0 ? SCHEME_PREFERENCE.size() : rank;
    }
}
