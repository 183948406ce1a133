package io.sluice.source.git;

import io.sluice.api.meta.RedactedUrl;
import static io.sluice.source.config.DocumentFields.at;
import static io.sluice.source.config.DocumentFields.optionalBoolean;
import static io.sluice.source.config.DocumentFields.optionalString;
import static io.sluice.source.config.DocumentFields.requiredDuration;
import static io.sluice.source.config.DocumentFields.requiredString;
import static io.sluice.source.config.DocumentFields.unknownFields;

import io.sluice.source.config.InvalidFieldException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a Flux GitRepository that the source-service acts on. {@code timeout} (Git
 * operations), {@code secretRef} (a secret name in the GitRepository's namespace) and
 * {@code ignore} (gitignore rules) are null when not set.
 */
public record GitRepositorySpec(String url, GitReference reference, Duration interval, boolean suspend,
        Duration timeout, String secretRef, String ignore) {
    private static final Set<String> SCHEMES = Set.of("http", "https", "ssh", "git", "file");
    private static final Set<String> SUPPORTED_FIELDS = Set.of("url", "ref", "interval", "suspend", "timeout",
            "secretRef", "ignore");

    /** The spec of a GitRepository document, or an {@link InvalidFieldException} naming the first bad field. */
    public static GitRepositorySpec parse(Map<String, Object> document) {
        return new GitRepositorySpec(parseUrl(document), parseReference(document), parseInterval(document),
                parseSuspend(document), parseTimeout(document), parseSecretRef(document), parseIgnore(document));
    }

    public static String parseUrl(Map<String, Object> document) {
        String url = requiredString(document, "spec.url");
        String scheme;
        try {
            scheme = new URI(url).getScheme();
        } catch (URISyntaxException e) {
            throw new InvalidFieldException("spec.url is not a valid URL: " + e.getReason());
        }
        if (scheme == null || !SCHEMES.contains(scheme)) {
            throw new InvalidFieldException("spec.url must start with http://, https://, ssh://, git:// or file://"
                    + " (for SSH write ssh://user@host/path, not the scp-like user@host:path)");
        }
        return url;
    }

    public static GitReference parseReference(Map<String, Object> document) {
        return GitReference.parse(document);
    }

    public static Duration parseInterval(Map<String, Object> document) {
        return requiredDuration(document, "spec.interval");
    }

    public static boolean parseSuspend(Map<String, Object> document) {
        return optionalBoolean(document, "spec.suspend");
    }

    /** {@code spec.timeout}, a Go duration; null when not set (the service's default applies). */
    public static Duration parseTimeout(Map<String, Object> document) {
        return at(document, "spec.timeout") == null ? null : requiredDuration(document, "spec.timeout");
    }

    public static String parseSecretRef(Map<String, Object> document) {
        Object secretRef = at(document, "spec.secretRef");
        if (secretRef != null && !(secretRef instanceof Map)) {
            throw new InvalidFieldException("spec.secretRef must be a mapping with a name");
        }
        return secretRef == null ? null : requiredString(document, "spec.secretRef.name");
    }

    public static String parseIgnore(Map<String, Object> document) {
        return optionalString(document, "spec.ignore");
    }

    /** The spec fields Flux knows and Sluice does not act on yet (verify, include, ...), as "spec.<field>". */
    public static List<String> unsupportedFields(Map<String, Object> document) {
        return unknownFields(document, "spec", SUPPORTED_FIELDS);
    }

    /** The URL without user information, safe for logs, events and messages. */
    public String displayUrl() {
        return RedactedUrl.of(url);
    }
}
