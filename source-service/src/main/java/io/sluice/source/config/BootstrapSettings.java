package io.sluice.source.config;

import io.sluice.api.GoDuration;
import io.sluice.api.read.Origin;
import io.sluice.api.read.Problem;
import io.sluice.api.read.ReadResult;
import io.sluice.api.source.GitRepository;
import io.sluice.source.git.GitReference;
import io.sluice.source.git.PolledRepository;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the bootstrap configuration lives, from the sluice.source.bootstrap.* properties: a
 * repository, branch and folder, as {@code flux bootstrap --path} takes them. Its documents get the
 * origin {@code git:<url without credentials>@<commit sha>:<file path in the repository>}.
 */
record BootstrapSettings(PolledRepository repository, String secretNamespace, String folder) {
    static final String PROPERTY = "sluice.source.bootstrap";
    /** The namespace of a secret named without one, as flux bootstrap keeps its own in flux-system. */
    static final String DEFAULT_SECRET_NAMESPACE = "flux-system";
    /** The property each field of the GitRepository the settings make is read from. */
    private static final Map<String, String> PROPERTIES = Map.of("spec.url", ".url", "spec.ref.branch", ".branch",
            "spec.interval", ".interval", "spec.secretRef.name", ".secret", "metadata.namespace", ".secret");

    /**
     * The settings, checked as the GitRepository they make is (the URL, the branch, the interval),
     * or an IllegalArgumentException naming each property that is wrong. {@code timeout} limits each
     * Git operation.
     */
    static BootstrapSettings of(String url, String branch, String path, Duration interval, Optional<String> secret,
            Duration timeout) {
        String[] secretName = secret.map(name -> name.split("/", -1)).orElse(new String[0]);
        if (secretName.length > 2 || List.of(secretName).stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(PROPERTY + ".secret must be 'namespace/name' or 'name', not '"
                    + secret.orElse("") + "'");
        }
        String secretNamespace = secretName.length == 2 ? secretName[0] : DEFAULT_SECRET_NAMESPACE;
        Map<String, Object> spec = new HashMap<>(Map.of("url", url, "interval", GoDuration.format(interval),
                "ref", Map.of("branch", branch)));
        if (secretName.length > 0) {
            spec.put("secretRef", Map.of("name", secretName[secretName.length - 1]));
        }
        ReadResult<GitRepository> read = GitRepository.KIND.read(Map.of("apiVersion", GitRepository.KIND.apiVersion(),
                "kind", GitRepository.KIND.name(), "metadata", Map.of("name", "bootstrap", "namespace", secretNamespace),
                "spec", spec), Origin.of(PROPERTY));
        if (!read.valid()) {
            throw new IllegalArgumentException(String.join("; ", read.errors().stream()
                    .map(BootstrapSettings::asProperty).toList()));
        }
        GitRepository.Spec repository = read.value().spec();
        return new BootstrapSettings(new PolledRepository(repository.url(), GitReference.of(repository.ref()),
                repository.interval(), timeout, false, repository.secretRef() == null ? null
                        : repository.secretRef().name(), null), secretNamespace, folder(path));
    }

    /** A problem of the GitRepository the settings make, as a problem of the property it came from. */
    private static String asProperty(Problem problem) {
        return PROPERTY + PROPERTIES.getOrDefault(problem.field(), " (" + problem.field() + ")") + " "
                + problem.message();
    }

    /** The folder as a path inside the repository: "" for its root, never "./", a leading or a trailing "/". */
    private static String folder(String path) {
        String folder = path.trim().replace('\\', '/').replaceAll("^(\\./|/)+", "").replaceAll("/+$", "");
        folder = folder.equals(".") ? "" : folder;
        if (List.of(folder.split("/")).contains("..")) {
            throw new IllegalArgumentException(PROPERTY + ".path must stay inside the repository, not '" + path + "'");
        }
        return folder;
    }

    /** The origin of the documents of {@code file} (a path in the repository) at {@code commit}. */
    String origin(String commit, String file) {
        return originPrefix() + commit + ":" + file;
    }

    /** Whether a document on sluice.config came from this bootstrap's repository. */
    boolean owns(String origin) {
        return origin != null && origin.startsWith(originPrefix());
    }

    /** The file part of an origin this bootstrap owns. */
    String file(String origin) {
        String rest = origin.substring(originPrefix().length());
        return rest.substring(rest.indexOf(':') + 1);
    }

    /** The origins of a read of {@code commit}: an unchanged file keeps its origin but for the commit. */
    ConfigOrigins origins(String commit) {
        Pattern anyCommit = Pattern.compile(Pattern.quote(originPrefix()) + "[0-9a-f]{40}:");
        String withoutCommit = Matcher.quoteReplacement(originPrefix() + ":");
        return new ConfigOrigins() {
            @Override
            public String current(String published) {
                return origin(commit, file(published));
            }

            @Override
            public String stable(String text) {
                return anyCommit.matcher(text).replaceAll(withoutCommit);
            }
        };
    }

    /** "https://host/repo.git branch 'main' path 'clusters/demo'", as messages name the bootstrap. */
    String describe() {
        return repository.displayUrl() + " " + repository.reference().describe() + " path '"
                + (folder.isEmpty() ? "." : folder) + "'";
    }

    private String originPrefix() {
        return "git:" + repository.displayUrl() + "@";
    }
}
