package io.sluice.image.registry;

import io.sluice.api.image.ImageName;
import java.time.Duration;

/**
 * What a request to one image repository needs: where it is, how to reach it and as whom.
 *
 * @param name the repository
 * @param insecure plain HTTP (spec.insecure)
 * @param timeout how long one call of {@link RegistryClient} may take, all its requests together (spec.timeout)
 * @param credentials the login to give when the registry asks for one; null: anonymous
 * @param anonymous why there is no login (no spec.secretRef, or its Secret has none for this host), said when
 *         the registry asks for one; null when there is a login
 * @param tls CAs and client certificate of spec.certSecretRef; null: the system's CAs
 */
public record RepositoryAccess(ImageName name, boolean insecure, Duration timeout, Credentials credentials,
        String anonymous, TlsSettings tls) {

    /** Anonymous access with the system's CAs. */
    public static RepositoryAccess anonymous(ImageName name, boolean insecure, Duration timeout) {
        return new RepositoryAccess(name, insecure, timeout, null, "no spec.secretRef", null);
    }
}
