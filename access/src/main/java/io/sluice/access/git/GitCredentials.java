package io.sluice.access.git;

import io.sluice.access.secrets.Secret;
import io.sluice.access.secrets.SecretsLookup;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Turns a GitRepository's {@code spec.secretRef} into a {@link GitAccess}, with the keys Flux
 * defines: {@code username}/{@code password} or {@code bearerToken} for http(s); {@code identity}
 * (private key, {@code password} when it is encrypted) and {@code known_hosts} for ssh. The
 * secret lives in the GitRepository's namespace. git:// and file:// take no credentials.
 * Source-service and image-service each make one; it holds no state between calls.
 */
public class GitCredentials {
    private final SecretsLookup secrets;
    private final Path sshHome;

    /**
     * @param sshHome an empty folder JGit's SSH client takes as its home, so that nothing of the
     *         machine's own ~/.ssh (config, keys, known_hosts) is ever used; created when missing
     */
    public GitCredentials(SecretsLookup secrets, Path sshHome) {
        this.secrets = secrets;
        this.sshHome = sshHome;
    }

    /**
     * The access to {@code url} with the Secret {@code secretRef} (null: none) of {@code namespace};
     * the caller closes it. An ssh:// URL needs a secret with {@code known_hosts}: host keys are
     * always verified.
     *
     * @throws GitCredentialsException the secret cannot be used (the message names it and the key)
     * @throws io.sluice.access.secrets.SecretNotFoundException the secret or a required key is missing
     */
    public GitAccess open(String namespace, String url, String secretRef) {
        String scheme = URI.create(url).getScheme();
        if (secretRef == null) {
            if ("ssh".equals(scheme)) {
                throw new GitCredentialsException("an ssh:// URL needs spec.secretRef naming a secret with 'identity'"
                        + " and 'known_hosts': host keys are always verified");
            }
            return GitAccess.ANONYMOUS;
        }
        Secret secret = secrets.get(namespace, secretRef);
        return switch (scheme) {
            case "http", "https" -> http(secret);
            case "ssh" -> ssh(secret);
            default -> GitAccess.ANONYMOUS;
        };
    }

    private static GitAccess http(Secret secret) {
        for (String key : List.of("ca.crt", "caFile", "tls.crt", "tls.key")) {
            if (secret.keys().contains(key)) {
                throw new GitCredentialsException(describe(secret) + ": key '" + key
                        + "' (TLS certificates) is not supported yet");
            }
        }
        Optional<String> token = secret.text("bearerToken");
        if (token.isPresent()) {
            String header = "Bearer " + token.get();
            TransportConfigCallback bearer = transport -> {
                if (transport instanceof TransportHttp http) {
                    http.setAdditionalHeaders(Map.of("Authorization", header));
                }
            };
            return new GitAccess(null, bearer, null, null, List.of(token.get()));
        }
        Optional<String> username = secret.text("username");
        Optional<String> password = secret.text("password");
        if (username.isEmpty() && password.isEmpty()) {
            throw new GitCredentialsException(describe(secret) + " has neither 'username' and 'password' nor"
                    + " 'bearerToken' (keys: " + secret.keys() + ")");
        }
        String user = secret.require("username");
        String pass = secret.require("password");
        return new GitAccess(new UsernamePasswordCredentialsProvider(user, pass), null, null, null, List.of(pass));
    }

    private GitAccess ssh(Secret secret) {
        Optional<String> keyPassword = secret.text("password");
        List<KeyPair> identities = identities(secret, keyPassword);
        KnownHosts knownHosts = KnownHosts.parse(secret.require("known_hosts"),
                "key 'known_hosts' of " + describe(secret));
        File home = sshHome();
        SshdSessionFactory factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(home)
                // nothing from the machine's ~/.ssh: no config file, no default keys, no known_hosts files
                .setConfigStoreFactory((homeDir, configFile, localUser) -> null)
                .setDefaultKeysProvider(dir -> identities)
                .setServerKeyDatabase((homeDir, sshDir) -> knownHosts)
                .setPreferredAuthentications("publickey")
                .build(null);
        TransportConfigCallback useFactory = transport -> {
            if (transport instanceof SshTransport sshTransport) {
                sshTransport.setSshSessionFactory(factory);
            }
        };
        return new GitAccess(null, useFactory, factory, knownHosts, keyPassword.map(List::of).orElse(List.of()));
    }

    private static List<KeyPair> identities(Secret secret, Optional<String> password) {
        byte[] identity = secret.bytes("identity").orElseThrow(() -> new GitCredentialsException(describe(secret)
                + " has no key 'identity' (the SSH private key; keys: " + secret.keys() + ")"));
        String where = "key 'identity' of " + describe(secret);
        List<KeyPair> keys = new ArrayList<>();
        try {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(where),
                    new ByteArrayInputStream(identity), password.map(FilePasswordProvider::of).orElse(null));
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (Exception e) {
            String reason = password.isPresent() ? "wrong 'password', or not a private key"
                    : "encrypted without a 'password' key, or not a private key";
            throw new GitCredentialsException(where + " cannot be read (" + reason + "): "
                    + e.getClass().getSimpleName());
        }
        if (keys.isEmpty()) {
            throw new GitCredentialsException(where + " holds no private key (OpenSSH or PEM format expected)");
        }
        return keys;
    }

    private File sshHome() {
        try {
            Files.createDirectories(sshHome);
        } catch (IOException e) {
            throw new GitCredentialsException("cannot create " + sshHome + ": " + e.getMessage());
        }
        return sshHome.toFile();
    }

    private static String describe(Secret secret) {
        return "secret " + secret.namespace() + "/" + secret.name();
    }
}
