package io.sluice.source.git;

import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * How the Git operations of one poll reach a remote: the credentials of the GitRepository's
 * secretRef, set on each JGit command. It knows the secret values it carries so that no message
 * built from a failure can quote them. Closing it stops the SSH client it may have started.
 */
final class GitAccess implements AutoCloseable {
    static final GitAccess ANONYMOUS = new GitAccess(null, null, null, null, List.of());

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

    <C extends TransportCommand<C, ?>> C configure(C command) {
        if (credentials != null) {
            command.setCredentialsProvider(credentials);
        }
        if (transportSetup != null) {
            command.setTransportConfigCallback(transportSetup);
        }
        return command;
    }

    /** Why the SSH server's host key was refused, when it was: JGit's own message does not say. */
    Optional<String> hostKeyRejection() {
        return knownHosts == null ? Optional.empty() : knownHosts.rejection();
    }

    /** {@code text} with every secret value this access carries replaced by "***". */
    String scrub(String text) {
        String scrubbed = text;
        for (String value : secretValues) {
            if (!value.isEmpty()) {
                scrubbed = scrubbed.replace(value, "***");
            }
        }
        return scrubbed;
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
        }
    }
}
