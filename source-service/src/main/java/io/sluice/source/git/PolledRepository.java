package io.sluice.source.git;

import io.sluice.api.argo.ImplicitSource;
import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.source.GitRepository;
import java.time.Duration;

/**
 * A Git repository as one source polls it: a GitRepository, an implicit source of Argo CD
 * Applications, or the bootstrap repository.
 *
 * @param url where the repository is (http(s)://, ssh://, git:// or file://)
 * @param reference what is followed
 * @param timeout the time limit of one Git operation
 * @param secretRef the name of the Secret with credentials, in the source's namespace; null: none
 * @param ignore {@code .sourceignore} rules replacing the default exclusions; null: the defaults
 */
public record PolledRepository(String url, GitReference reference, Duration interval, Duration timeout,
        boolean suspend, String secretRef, String ignore) {

    /** A GitRepository's: every setting is the document's (its timeout Flux's default when not written). */
    public static PolledRepository of(GitRepository.Spec spec) {
        return new PolledRepository(spec.url(), GitReference.of(spec.ref()), spec.interval(), spec.timeout(),
                spec.suspend(), spec.secretRef() == null ? null : spec.secretRef().name(), spec.ignore());
    }

    /** An implicit source of Argo CD Applications, read anonymously every {@code interval}. */
    static PolledRepository implicit(ImplicitSource.Git source, Duration interval, Duration timeout) {
        return new PolledRepository(source.url(), ArgoTargetRevision.reference(source.revision()), interval, timeout,
                false, null, null);
    }

    /** The URL without user information, for logs, events and messages. */
    public String displayUrl() {
        return RedactedUrl.of(url);
    }
}
