package io.sluice.source.git;

import io.sluice.api.meta.RedactedUrl;
import static io.sluice.source.config.DocumentFields.at;

import io.sluice.api.argo.ArgoSourceIds;
import io.sluice.api.ObjectRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Git repositories an Argo CD Application (argoproj.io/v1alpha1) reads: each of
 * {@code spec.source} and {@code spec.sources[]} without a {@code chart} (those are Helm charts),
 * by {@code repoURL} and {@code targetRevision}, each as the implicit source {@link io.sluice.api.argo.ArgoSourceIds#gitSource}
 * names. A source that cannot be read is a problem naming its field.
 */
public final class ArgoGitRepositories {
    /** One implicit source an Application uses: its ref, the URL to fetch, and what it follows. */
    public record Wanted(ObjectRef ref, String url, GitReference reference) {
    }

    public record Parsed(List<Wanted> sources, List<String> problems) {
    }

    private static final Set<String> SCHEMES = Set.of("http", "https", "ssh", "git", "file");
    /** scp-like SSH, [user@]host:path, as Argo CD accepts it; JGit and the credentials need ssh://. */
    private static final Pattern SCP_LIKE = Pattern.compile("^((?:[^@/:]+@)?[^:/]+):(?!//)(.+)$");

    public static Parsed parse(Map<String, Object> document) {
        Map<String, Wanted> sources = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (at(document, "spec.source") instanceof Map<?, ?> source) {
            read("spec.source", source, sources, problems);
        }
        if (at(document, "spec.sources") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> source) {
                    read("spec.sources[" + i + "]", source, sources, problems);
                }
            }
        }
        return new Parsed(List.copyOf(sources.values()), List.copyOf(problems));
    }

    private static void read(String field, Map<?, ?> source, Map<String, Wanted> sources, List<String> problems) {
        if (!text(source.get("chart")).isEmpty()) {
            return;
        }
        String repoUrl = text(source.get("repoURL"));
        if (repoUrl.isEmpty()) {
            problems.add(field + ".repoURL is required");
            return;
        }
        Optional<String> url = fetchUrl(repoUrl);
        Optional<ObjectRef> ref = ArgoSourceIds.gitSource(repoUrl, text(source.get("targetRevision")));
        if (url.isEmpty() || ref.isEmpty()) {
            problems.add(field + ".repoURL '" + RedactedUrl.of(repoUrl) + "' is not a Git repository URL"
                    + " (https://, http://, ssh://, git://, file:// or user@host:path)");
            return;
        }
        String revision = ArgoSourceIds.revision(text(source.get("targetRevision")));
        sources.putIfAbsent(ref.get().id(), new Wanted(ref.get(), url.get(), ArgoTargetRevision.reference(revision)));
    }

    /** The URL to fetch: as written, with an scp-like SSH address turned into the ssh:// URL it means. */
    private static Optional<String> fetchUrl(String repoUrl) {
        Matcher scp = SCP_LIKE.matcher(repoUrl);
        String url = !repoUrl.contains("://") && scp.matches() ? "ssh://" + scp.group(1) + "/" + scp.group(2) : repoUrl;
        try {
            String scheme = new URI(url).getScheme();
            return scheme != null && SCHEMES.contains(scheme) ? Optional.of(url) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A scalar as text: YAML reads "targetRevision: 1.2" as a number. */
    private static String text(Object value) {
        return value instanceof String || value instanceof Number ? String.valueOf(value).trim() : "";
    }

    private ArgoGitRepositories() {
    }
}
