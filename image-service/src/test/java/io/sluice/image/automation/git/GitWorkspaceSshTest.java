package io.sluice.image.automation.git;

import static io.sluice.image.automation.git.GitWorkspaceTest.DEPLOY;
import static io.sluice.image.automation.git.GitWorkspaceTest.ORIGINAL;
import static io.sluice.image.automation.git.GitWorkspaceTest.UPDATED;
import static io.sluice.image.automation.git.GitWorkspaceTest.WHEN;
import static io.sluice.image.automation.git.GitWorkspaceTest.repository;
import static io.sluice.image.automation.git.GitWorkspaceTest.run;
import static io.sluice.image.automation.git.GitWorkspaceTest.update;
import static io.sluice.image.automation.git.GitWorkspaceTest.writeSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.access.git.GitCredentials;
import io.sluice.access.git.GitCredentialsException;
import io.sluice.access.secrets.SecretNotFoundException;
import io.sluice.access.secrets.SecretsLookup;
import io.sluice.api.source.GitRepository;
import io.sluice.api.source.GitRepositoryRef;
import io.sluice.image.automation.git.GitWorkspaceTest.Run;
import io.sluice.testkit.git.SshGitServer;
import io.sluice.testkit.git.SshKey;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkout, commit and push over SSH (JGit's Apache MINA SSHD transport) with an encrypted ed25519
 * key, against a real SSH Git server whose host key the secret's known_hosts lists; a host key it
 * does not list, or a secret without known_hosts, is refused before anything is pushed.
 */
class GitWorkspaceSshTest {
    private static final String KEY_PASSWORD = "key-pass-3c9e17aa";

    @TempDir
    static Path work;
    private static SshGitServer server;
    private static GitCredentials credentials;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/ssh-keygen").canExecute(),
                "ssh-keygen is missing: install the Debian package openssh-client");
        SshKey key = SshKey.generate(work.resolve("keys/client"), KEY_PASSWORD);
        server = SshGitServer.start(work.resolve("ssh"), key.publicKey());
        String otherHostKey = PublicKeyEntry.toString(KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256).getPublic());
        writeSecret(work, "ssh", Map.of("identity", key.identity(), "password", KEY_PASSWORD,
                "known_hosts", server.knownHostsLine() + "\n"));
        writeSecret(work, "ssh-changed-host", Map.of("identity", key.identity(), "password", KEY_PASSWORD,
                "known_hosts", server.hostPattern() + " " + otherHostKey + "\n"));
        writeSecret(work, "ssh-no-known-hosts", Map.of("identity", key.identity(), "password", KEY_PASSWORD));
        credentials = new GitCredentials(new SecretsLookup(Optional.of(work.resolve("secrets").toString())),
                work.resolve("ssh-home"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clonesCommitsAndPushesToTheBranchAndANewOne() throws Exception {
        BareRemote bare = bare("infra");
        String seed = bare.push("main", "seed", Map.of(DEPLOY, ORIGINAL));
        GitRepository repository = repository(server.url("infra"), GitRepositoryRef.branch("main"), "ssh");
        Path folder = work.resolve("ws-ssh");
        try (Run run = run(credentials, folder, repository, update(null, null, null))) {
            GitWorkspace workspace = run.workspace();
            assertEquals(seed, workspace.checkout().commit());
            Files.writeString(folder.resolve(DEPLOY), UPDATED);
            PushedCommit pushed = workspace.commitAndPush("over ssh", WHEN).orElseThrow();
            assertEquals(new PushedCommit(bare.branch("main"), "main", null, List.of(DEPLOY)), pushed);
        }
        try (Run run = run(credentials, work.resolve("ws-ssh-branch"), repository, update(null, "auto", null))) {
            GitWorkspace workspace = run.workspace();
            workspace.checkout();
            Files.writeString(work.resolve("ws-ssh-branch").resolve(DEPLOY), UPDATED.replace("1.1", "1.2"));
            PushedCommit pushed = workspace.commitAndPush("to a new branch over ssh", WHEN).orElseThrow();
            assertEquals(pushed.commit(), bare.branch("auto"));
            assertEquals(bare.branch("main"), bare.commit(pushed.commit()).getParent(0).name());
        }
    }

    @Test
    void anUnknownHostKeyOrNoKnownHostsIsRefused() throws Exception {
        BareRemote bare = bare("guarded");
        bare.push("main", "seed", Map.of(DEPLOY, ORIGINAL));
        GitRepository changed = repository(server.url("guarded"), GitRepositoryRef.branch("main"), "ssh-changed-host");
        try (Run run = run(credentials, work.resolve("ws-changed"), changed, update(null, null, null))) {
            GitWorkspace workspace = run.workspace();
            GitUpdateException refused = assertThrows(GitUpdateException.class, workspace::checkout);
            String url = server.url("guarded").replace("git@", "");
            assertTrue(refused.getMessage().startsWith(url + ": checkout failed: host key of " + server.hostPattern()
                    + " (ecdsa-sha2-nistp256 SHA256:"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("does not match key 'known_hosts' of secret"
                    + " apps/ssh-changed-host; refused (the server's key changed, or someone is in between)"),
                    refused.getMessage());
            assertFalse(refused.getMessage().contains(KEY_PASSWORD));
        }
        SecretNotFoundException noKnownHosts = assertThrows(SecretNotFoundException.class,
                () -> credentials.open("apps", server.url("guarded"), "ssh-no-known-hosts"));
        assertTrue(noKnownHosts.getMessage().startsWith("secret apps/ssh-no-known-hosts has no key 'known_hosts'"),
                noKnownHosts.getMessage());
        GitCredentialsException noSecret = assertThrows(GitCredentialsException.class,
                () -> credentials.open("apps", server.url("guarded"), null));
        assertTrue(noSecret.getMessage().contains("host keys are always verified"), noSecret.getMessage());
    }

    private static BareRemote bare(String name) throws Exception {
        Path dir = work.resolve("ssh").resolve(name + ".git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
        return new BareRemote(dir, work.resolve("scratch"));
    }
}
