package io.sluice.access.git;

import io.sluice.api.meta.RedactedUrl;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * How the Git operations of one run reach a remote: the credentials of the GitRepository's
 * secretRef, set on each JGit command. It knows the secret values it carries so that no message
 * built from a failure can quote them. Closing it stops the SSH client it may have started.
 */
public final class GitAccess implements AutoCloseable {
    /** No credentials: public repositories, git:// and file:// URLs. */
    public static final GitAccess ANONYMOUS = new GitAccess(null, null, null, null, List.of());

    private final CredentialsProvider credentials;
    private final TransportConfigCallback transportSetup;
    private final SshdSessionFactory ssh;
    private final KnownHosts knownHosts;
    private final List<String> secretValues;

    GitAccess(CredentialsProvider credentials, TransportConfigCallback transportSetup, SshdSessionFactory ssh,
            KnownHosts knownHosts, List<String> secretValues) {
        this.credentials = credentials;
        this.transportSetup = transportSetup;
        this.ssh = ssh;
        this.knownHosts = knownHosts;
        this.secretValues = secretValues;
    }

    /** {@code command} with this access's credentials and transport set: ls-remote, fetch, clone, push. */
    public <C extends TransportCommand<C, ?>> C configure(C command) {
        if (credentials != null) {
            command.setCredentialsProvider(credentials);
        }
        if (transportSetup != null) {
            command.setTransportConfigCallback(transportSetup);
        }
        return command;
    }

    /** Why the SSH server's host key was refused, when it was: JGit's own message does not say. */
    public Optional<String> hostKeyRejection() {
        return knownHosts == null ? Optional.empty() : knownHosts.rejection();
    }

    /** {@code text} with every secret value this access carries replaced by "***". */
    public String scrub(String text) {
        String scrubbed = text;
        for (String value : secretValues) {
            if (!value.isEmpty()) {
                scrubbed = scrubbed.replace(value, "***");
            }
        }
        return scrubbed;
    }

    /**
     * "{@code <url>: <operation> failed: <every distinct message of the cause chain>}", the URL
     * without user information and every credential scrubbed; a refused SSH host key says why
     * instead, which JGit's own message does not.
     */
    public String failure(String url, String operation, Exception e) {
        String displayUrl = RedactedUrl.of(url);
        Optional<String> rejection = hostKeyRejection();
        if (rejection.isPresent()) {
            return displayUrl + ": " + operation + " failed: " + rejection.get();
        }
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.add(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
        // JGit starts its messages with the URL, which this message already leads with.
        String causes = RedactedUrl.scrub(String.join(": ", messages), url).replace(displayUrl + ": ", "");
        return displayUrl + ": " + operation + " failed: " + scrub(causes);
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
        }
    }
}
