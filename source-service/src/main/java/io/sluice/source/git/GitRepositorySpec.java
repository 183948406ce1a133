package io.sluice.source.git;

import static io.sluice.source.config.DocumentFields.optionalBoolean;
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

/** The fields of a Flux GitRepository that the source-service acts on. */
public record GitRepositorySpec(String url, GitReference reference, Duration interval, boolean suspend) {
    private static final Set<String> SCHEMES = Set.of("http", "https", "file");
    private static final Set<String> SUPPORTED_FIELDS = Set.of("url", "ref", "interval", "suspend");

    /** The spec of a GitRepository document, or an {@link InvalidFieldException} naming the first bad field. */
    public static GitRepositorySpec parse(Map<String, Object> document) {
        return new GitRepositorySpec(parseUrl(document), parseReference(document), parseInterval(document),
                parseSuspend(document));
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
            throw new InvalidFieldException("spec.url must start with http://, https:// or file://");
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

    /** The spec fields Flux knows and Sluice does not act on yet (secretRef, ignore, ...), as "spec.<field>". */
    public static List<String> unsupportedFields(Map<String, Object> document) {
        return unknownFields(document, "spec", SUPPORTED_FIELDS);
    }

    /** The URL without user information, safe for logs, events and messages. */
    public String displayUrl() {
        return RedactedUrl.of(url);
    }
}
