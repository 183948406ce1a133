package io.sluice.source.config;

import io.sluice.api.GoDuration;
import io.sluice.source.git.GitRepositorySpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the bootstrap configuration lives, from the sluice.source.bootstrap.* properties: a
 * repository, branch and folder, as {@code flux bootstrap --path} takes them. Its documents get the
 * origin {@code git:<url without credentials>@<commit sha>:<file path in the repository>}.
 */
record BootstrapSettings(GitRepositorySpec spec, String secretNamespace, String folder) {
    static final String PROPERTY = "sluice.source.bootstrap";
    /** The namespace of a secret named without one, as flux bootstrap keeps its own in flux-system. */
    static final String DEFAULT_SECRET_NAMESPACE = "flux-system";

    /** The settings, or an {@link InvalidFieldException} naming the property that is wrong. */
    static BootstrapSettings of(String url, String branch, String path, Duration interval, Optional<String> secret) {
        String[] secretName = secret.map(name -> name.split("/", -1)).orElse(new String[0]);
        if (secretName.length > 2 || List.of(secretName).stream().anyMatch(String::isBlank)) {
            throw new InvalidFieldException(PROPERTY + ".secret must be 'namespace/name' or 'name', not '"
                    + secret.orElse("") + "'");
        }
        Map<String, Object> spec = new HashMap<>(Map.of("url", url, "interval", GoDuration.format(interval),
                "ref", Map.of("branch", branch)));
        if (secretName.length > 0) {
            spec.put("secretRef", Map.of("name", secretName[secretName.length - 1]));
        }
        GitRepositorySpec parsed;
        try {
            parsed = GitRepositorySpec.parse(Map.of("spec", spec));
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException(e.getMessage().replace("spec.url", PROPERTY + ".url")
                    .replace("spec.ref.branch", PROPERTY + ".branch").replace("spec.interval", PROPERTY + ".interval")
                    .replace("spec.secretRef.name", PROPERTY + ".secret"));
        }
        return new BootstrapSettings(parsed, secretName.length == 2 ? secretName[0] : DEFAULT_SECRET_NAMESPACE,
                folder(path));
    }

    /** The folder as a path inside the repository: "" for its root, never "./", a leading or a trailing "/". */
    private static String folder(String path) {
        String folder = path.trim().replace('\\', '/').replaceAll("^(\\./|/)+", "").replaceAll("/+$", "");
        folder = folder.equals(".") ? "" : folder;
        if (List.of(folder.split("/")).contains("..")) {
            throw new InvalidFieldException(PROPERTY + ".path must stay inside the repository, not '" + path + "'");
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

    /** "https://host/repo.git branch 'main' path 'clusters/demo'", as messages name the bootstrap. */
    String describe() {
        return spec.displayUrl() + " " + spec.reference().describe() + " path '" + (folder.isEmpty() ? "." : folder)
                + "'";
    }

    private String originPrefix() {
        return "git:" + spec.displayUrl() + "@";
    }
}
