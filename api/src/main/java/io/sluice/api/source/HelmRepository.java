package io.sluice.api.source;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.read.Node;
import java.time.Duration;
import java.util.List;

/**
 * A Flux HelmRepository (source.toolkit.fluxcd.io v1 and v1beta2): a Helm chart repository whose
 * index.yaml is polled over HTTP. Type {@code oci} (charts in an OCI registry) is valid Flux that no
 * Sluice stage can fetch yet: an error.
 */
public record HelmRepository(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<HelmRepository> KIND = Kind.configuration(ApiGroups.SOURCE, "HelmRepository",
            List.of("v1", "v1beta2"), (metadata, spec) -> new HelmRepository(metadata, Spec.read(metadata, spec)));
    /** Flux v1's interval when not written (GetRequeueAfter); v1beta2 requires one. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** Flux's timeout when not written (GetTimeout). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    private static final String DEFAULT_TYPE = "default";
    private static final String OCI_TYPE = "oci";

    /**
     * @param url the repository, http:// or https://, where index.yaml and (relative) chart URLs are
     * @param interval how often index.yaml is fetched; {@link #DEFAULT_INTERVAL} when a v1 document
     *         does not say
     * @param timeout the time limit of one fetch; {@link #DEFAULT_TIMEOUT} when not written
     * @param secretRef the Secret with the {@code username} and {@code password} of HTTP basic auth,
     *         sent to the repository's own host only; null: none
     */
    public record Spec(String url, Duration interval, Duration timeout, LocalReference secretRef, boolean suspend) {

        static Spec read(Metadata metadata, Node spec) {
            Node typeField = spec.get("type");
            String type = typeField.oneOf(DEFAULT_TYPE, DEFAULT_TYPE, OCI_TYPE);
            String url;
            if (OCI_TYPE.equals(type)) {
                typeField.error("'oci' is not supported by Sluice yet (it reads Helm repositories over http and"
                        + " https: type default)");
                url = spec.get("url").requiredString();
            } else {
                url = RepositoryUrl.read(spec.get("url"), List.of("http", "https"), true,
                        "an http:// or https:// URL");
            }
            Node intervalField = spec.get("interval");
            Duration interval = "v1beta2".equals(metadata.version()) ? intervalField.requiredDuration()
                    : intervalField.duration(DEFAULT_INTERVAL);
            Node passCredentials = spec.get("passCredentials");
            if (passCredentials.bool()) {
                passCredentials.notSupported("credentials are sent to the repository's own host only");
            }
            spec.unsupported("the system's trusted certificates are used", "certSecretRef");
            // Flux reads these for type oci only, and without access lists yet: nothing to do for type default.
            spec.get("provider").oneOf(null, "generic", "aws", "azure", "gcp");
            spec.get("insecure").bool();
            spec.accepted("accessFrom");
            return new Spec(url, interval, spec.get("timeout").duration(DEFAULT_TIMEOUT),
                    spec.get("secretRef").object(LocalReference::read), spec.get("suspend").bool());
        }

        /** The URL without user information, for logs, events, messages and metric tags. */
        public String displayUrl() {
            return RedactedUrl.of(url);
        }
    }
}
