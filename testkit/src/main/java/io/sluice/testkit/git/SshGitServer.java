package io.sluice.testkit.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH Git server in the test JVM (Apache MINA SSHD): public-key login for one key, its own
 * host key, and {@code git-upload-pack} (fetch) and {@code git-receive-pack} (push) served by JGit
 * for the bare repositories under a folder, at {@code ssh://git@127.0.0.1:<port>/<name>.git}.
 */
public final class SshGitServer implements AutoCloseable {
    private static final Pattern GIT_COMMAND =
            Pattern.compile("(git-upload-pack|git-receive-pack) '?/?([A-Za-z0-9._-]+)'?");

    private final SshServer server;
    private final KeyPair hostKey;

    private SshGitServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /** Starts a server that lets in the key of {@code authorizedKey}, a public key line ("ssh-ed25519 AAAA... comment"). */
    public static SshGitServer start(Path root, String authorizedKey) throws IOException, GeneralSecurityException {
        PublicKey authorized = PublicKeyEntry.parsePublicKeyEntry(authorizedKey).resolvePublicKey(null, Map.of(),
                PublicKeyEntryResolver.FAILING);
        KeyPair hostKey = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorized));
        server.setCommandFactory((channel, command) -> new GitCommand(root, command));
        server.start();
        return new SshGitServer(server, hostKey);
    }

    public String url(String name) {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/" + name + ".git";
    }

    /** The known_hosts line for this server, as `ssh-keyscan -p <port> 127.0.0.1` prints it. */
    public String knownHostsLine() {
        return hostPattern() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** How known_hosts names this server: "[127.0.0.1]:<port>". */
    public String hostPattern() {
        return "[127.0.0.1]:" + server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** Runs one {@code git-upload-pack '<repo>'} or {@code git-receive-pack '<repo>'} with JGit, as git-shell would run git's. */
    private static final class GitCommand implements Command {
        private final Path root;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        GitCommand(Path root, String command) {
            this.root = root;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread thread = new Thread(this::serve, "test-ssh-git");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            int code = 0;
            try {
                Matcher matcher = GIT_COMMAND.matcher(command);
                if (!matcher.matches() || matcher.group(2).contains("..")) {
                    throw new IOException("only git-upload-pack and git-receive-pack '<name>.git' are served, not: "
                            + command);
                }
                try (Repository repository = new FileRepositoryBuilder().setGitDir(root.resolve(matcher.group(2)).toFile())
                        .setMustExist(true).build()) {
                    if (matcher.group(1).equals("git-upload-pack")) {
                        new UploadPack(repository).upload(in, out, err);
                    } else {
                        new ReceivePack(repository).receive(in, out, err);
                    }
                }
                out.flush();
            } catch (IOException | RuntimeException e) {
                code = 1;
                try {
                    err.write((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                } catch (IOException ignored) {
                    // the client is gone
                }
            } finally {
                exit.onExit(code);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the serving thread ends with its streams
        }
    }
}
