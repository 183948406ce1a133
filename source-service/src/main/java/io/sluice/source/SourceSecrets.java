package io.sluice.source;

import io.sluice.access.git.GitCredentials;
import io.sluice.access.secrets.SecretsLookup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The secrets that GitRepository, HelmRepository and Receiver secretRefs name: {@code sluice.secrets-dir};
 * and the Git credentials made from them, with JGit's SSH home under {@code sluice.data-dir}.
 */
final class SourceSecrets {

    @Produces
    @Singleton
    SecretsLookup secrets(@ConfigProperty(name = "sluice.secrets-dir") Optional<String> directory) {
        return new SecretsLookup(directory);
    }

    @Produces
    @Singleton
    GitCredentials gitCredentials(SecretsLookup secrets, @ConfigProperty(name = "sluice.data-dir") Path dataDir) {
        return new GitCredentials(secrets, dataDir.resolve("ssh-home"));
    }
}
