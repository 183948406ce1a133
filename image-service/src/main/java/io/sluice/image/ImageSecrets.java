package io.sluice.image;

import io.sluice.access.secrets.SecretsLookup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The secrets that ImageRepository secretRef and certSecretRef name: {@code sluice.secrets-dir}. */
final class ImageSecrets {

    @Produces
    @Singleton
    SecretsLookup secrets(@ConfigProperty(name = "sluice.secrets-dir") Optional<String> directory) {
        return new SecretsLookup(directory);
    }
}
