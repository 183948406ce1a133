package io.sluice.source.helm;

import static io.sluice.source.config.DocumentFields.at;
import static io.sluice.source.config.DocumentFields.optionalBoolean;
import static io.sluice.source.config.DocumentFields.optionalString;
import static io.sluice.source.config.DocumentFields.requiredDuration;
import static io.sluice.source.config.DocumentFields.requiredString;
import static io.sluice.source.config.DocumentFields.unknownFields;

import io.sluice.source.config.InvalidFieldException;
import io.sluice.api.meta.RedactedUrl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a Flux HelmRepository (source.toolkit.fluxcd.io v1 and v1beta2) that Sluice acts on.
 * {@code secretName} is null without a {@code spec.secretRef}; {@code oci} marks {@code spec.type: oci},
 * which is parsed so that it can be reported as unsupported.
 */
public record HelmRepositorySpec(String url, Duration interval, Duration timeout, String secretName, boolean suspend,
        boolean oci) {
    /** Flux's defaults for both fields. */
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    private static final Set<String> SUPPORTED_FIELDS = Set.of("url", "interval", "timeout", "secretRef", "suspend",
            "type");

    /** The spec of a HelmRepository document, or an {@link InvalidFieldException} naming the first bad field. */
    public static HelmRepositorySpec parse(Map<String, Object> document) {
        String type = optionalString(document, "spec.type");
        if (type != null && !type.equals("default") && !type.equals("oci")) {
            throw new InvalidFieldException("spec.type must be 'default' or 'oci', not '" + type + "'");
        }
        boolean oci = "oci".equals(type);
        String url = parseUrl(document, oci);
        String secretName = at(document, "spec.secretRef") == null ? null
                : requiredString(document, "spec.secretRef.name");
        return new HelmRepositorySpec(url, optionalDuration(document, "spec.interval", DEFAULT_INTERVAL),
                optionalDuration(document, "spec.timeout", DEFAULT_TIMEOUT), secretName,
                optionalBoolean(document, "spec.suspend"), oci);
    }

    /** {@code spec.url}: required, and http(s) unless the repository is of type oci. */
    public static String parseUrl(Map<String, Object> document) {
        return parseUrl(document, "oci".equals(optionalString(document, "spec.type")));
    }

    private static String parseUrl(Map<String, Object> document, boolean oci) {
        String url = requiredString(document, "spec.url");
        if (!oci && !HelmUrls.isHttp(url)) {
            throw new InvalidFieldException("spec.url must be an http:// or https:// URL, not '" + RedactedUrl.of(url)
                    + "'");
        }
        return url;
    }

    /** The spec fields Flux knows and Sluice does not act on yet (passCredentials, certSecretRef, ...). */
    static List<String> unsupportedFields(Map<String, Object> document) {
        return unknownFields(document, "spec", SUPPORTED_FIELDS);
    }

    private static Duration optionalDuration(Map<String, Object> document, String path, Duration fallback) {
        return at(document, path) == null ? fallback : requiredDuration(document, path);
    }

    /** The URL without user information, safe for logs, events, messages and metric tags. */
    public String displayUrl() {
        return RedactedUrl.of(url);
    }
}
