package io.sluice.api.source;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.read.Node;
import java.time.Duration;
import java.util.List;

/**
 * A Flux GitRepository (source.toolkit.fluxcd.io v1; v1beta2 read the same way): a Git repository
 * polled for the commit its ref names, whose files become an artifact.
 */
public record GitRepository(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<GitRepository> KIND = Kind.configuration(ApiGroups.SOURCE, "GitRepository",
            List.of("v1", "v1beta2"), (metadata, spec) -> new GitRepository(metadata, Spec.read(spec)));
    /** Git's own schemes; Flux takes only http, https and ssh, Sluice also git:// and file:// (local mirrors). */
    private static final List<String> SCHEMES = List.of("http", "https", "ssh", "git", "file");
    /** Flux's default for spec.timeout (the CRD's default). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Flux's spec.provider values; only {@value #GENERIC_PROVIDER}, credentials from spec.secretRef, is Sluice's. */
    private static final String GENERIC_PROVIDER = "generic";
    private static final String[] PROVIDERS = {GENERIC_PROVIDER, "aws", "azure", "github"};

    /**
     * @param url where the repository is: http(s)://, ssh://, git:// or file://
     * @param ref what is followed; the branch {@value GitRepositoryRef#DEFAULT_BRANCH} when not written
     * @param interval how often the remote is polled (required)
     * @param timeout the time limit of one Git operation; {@link #DEFAULT_TIMEOUT} when not written
     * @param secretRef the Secret holding credentials (username/password or bearerToken over HTTP,
     *         identity and known_hosts over SSH); null: none
     * @param ignore {@code .sourceignore} rules (gitignore syntax) replacing Flux's default exclusions;
     *         null: the defaults apply, which differs from any rules written
     */
    public record Spec(String url, GitRepositoryRef ref, Duration interval, Duration timeout, boolean suspend,
            LocalReference secretRef, String ignore) {

        static Spec read(Node spec) {
            String url = RepositoryUrl.read(spec.get("url"), SCHEMES, false,
                    "an http://, https://, ssh://, git:// or file:// URL");
            GitRepositoryRef ref = spec.get("ref").object(GitRepositoryRef::read, GitRepositoryRef.DEFAULT);
            Node provider = spec.get("provider");
            if (!GENERIC_PROVIDER.equals(provider.oneOf(GENERIC_PROVIDER, PROVIDERS))) {
                provider.notSupported("Sluice authenticates with spec.secretRef only");
            }
            spec.unsupported("Sluice authenticates with spec.secretRef only", "serviceAccountName")
                    .unsupported("commit signatures are not verified", "verify")
                    .unsupported("the repository is fetched without a proxy", "proxySecretRef")
                    .unsupported("the whole repository is checked out", "sparseCheckout")
                    .unsupported("other GitRepositories' files are not added", "include")
                    // v1beta2 only, and without effect in Flux either: one Git implementation, no access lists yet
                    .accepted("gitImplementation", "accessFrom");
            Node submodules = spec.get("recurseSubmodules");
            if (submodules.bool()) {
                submodules.notSupported("submodules are not checked out");
            }
            return new Spec(url, ref, spec.get("interval").requiredDuration(),
                    spec.get("timeout").duration(DEFAULT_TIMEOUT), spec.get("suspend").bool(),
                    spec.get("secretRef").object(LocalReference::read), spec.get("ignore").string());
        }

        /** The URL without user information, for logs, events and messages. */
        public String displayUrl() {
            return RedactedUrl.of(url);
        }
    }
}
