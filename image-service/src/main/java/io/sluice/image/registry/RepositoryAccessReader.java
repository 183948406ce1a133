package io.sluice.image.registry;

import io.sluice.access.secrets.Secret;
import io.sluice.access.secrets.SecretNotFoundException;
import io.sluice.access.secrets.SecretsLookup;
import io.sluice.api.image.ImageRepository;
import io.sluice.api.meta.LocalReference;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads what a request to an ImageRepository's registry needs from its spec and the Secrets it names,
 * in its own namespace: spec.secretRef, a docker config Secret ({@code .dockerconfigjson}, or the older
 * {@code .dockercfg}), whose login for the repository's host is used ({@link DockerConfigKeyring}), and
 * spec.certSecretRef ({@link TlsSettings}). Read anew for each scan, so a changed Secret counts at the next one.
 */
public final class RepositoryAccessReader {
    private static final String DOCKER_CONFIG_JSON = ".dockerconfigjson";
    private static final String DOCKER_CFG = ".dockercfg";

    private final SecretsLookup secrets;

    public RepositoryAccessReader(SecretsLookup secrets) {
        this.secrets = secrets;
    }

    /** The access to {@code repository}; fails naming the field and the Secret at fault, never a value. */
    public RepositoryAccess read(ImageRepository repository) throws RegistryException {
        ImageRepository.Spec spec = repository.spec();
        String namespace = repository.ref().namespace();
        Credentials credentials = null;
        String anonymous = "no spec.secretRef";
        if (spec.secretRef() != null) {
            Secret secret = secret(namespace, spec.secretRef(), "spec.secretRef");
            String source = "secret " + namespace + "/" + secret.name();
            DockerConfigKeyring keyring = keyring(secret, source);
            credentials = keyring.lookup(spec.name()).orElse(null);
            anonymous = credentials != null ? null
                    : "spec.secretRef " + source + " has no login for " + spec.name().host() + ", only for "
                            + keyring.keys();
        }
        TlsSettings tls = null;
        if (spec.certSecretRef() != null) {
            tls = tlsSettings(secret(namespace, spec.certSecretRef(), "spec.certSecretRef"), namespace);
        }
        return new RepositoryAccess(spec.name(), spec.insecure(), spec.timeout(), credentials, anonymous, tls);
    }

    private Secret secret(String namespace, LocalReference reference, String field) throws RegistryException {
        try {
            return secrets.get(namespace, reference.name());
        } catch (SecretNotFoundException | UncheckedIOException e) {
            throw new RegistryException(field + ": " + e.getMessage());
        }
    }

    private static DockerConfigKeyring keyring(Secret secret, String source) throws RegistryException {
        String key = secret.keys().contains(DOCKER_CONFIG_JSON) ? DOCKER_CONFIG_JSON : DOCKER_CFG;
        Optional<String> json = secret.text(key);
        if (json.isEmpty()) {
            throw new RegistryException("spec.secretRef: " + source + " has no key " + DOCKER_CONFIG_JSON
                    + " (a kubernetes.io/dockerconfigjson Secret) nor " + DOCKER_CFG + " (keys: " + secret.keys() + ")");
        }
        try {
            return DockerConfigKeyring.parse(json.get(), key, source);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("spec.secretRef: " + e.getMessage());
        }
    }

    /** Flux's keys: ca.crt, and tls.crt with tls.key; at least one of the two. */
    private static TlsSettings tlsSettings(Secret secret, String namespace) throws RegistryException {
        String source = "secret " + namespace + "/" + secret.name();
        String ca = secret.text("ca.crt").orElse(null);
        String certificate = secret.text("tls.crt").orElse(null);
        String key = secret.text("tls.key").orElse(null);
        if ((certificate == null) != (key == null)) {
            throw new RegistryException("spec.certSecretRef: " + source + " has " + (key == null ? "tls.crt" : "tls.key")
                    + " without " + (key == null ? "tls.key" : "tls.crt") + ": a client certificate needs both");
        }
        if (ca == null && certificate == null) {
            throw new RegistryException("spec.certSecretRef: " + source + " has neither ca.crt nor tls.crt and tls.key"
                    + " (keys: " + secret.keys() + ")");
        }
        return new TlsSettings(ca, certificate, key, source);
    }
}
