package io.sluice.source;

import io.sluice.access.secrets.SecretsLookup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The secrets that GitRepository, HelmRepository and Receiver secretRefs name: {@code sluice.secrets-dir}. */
final class SourceSecrets {

    @Produces
    @Singleton
    SecretsLookup secrets(@ConfigProperty(name = "sluice.secrets-dir") Optional<String> directory) {
        return new SecretsLookup(directory);
    }
}
