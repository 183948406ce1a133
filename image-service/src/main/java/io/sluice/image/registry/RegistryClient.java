package io.sluice.image.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists a repository's tags and reads the digest of a tag's manifest through the registry HTTP API
 * v2 (the OCI distribution spec), logging in as the registry asks ({@link RegistrySession}), over
 * HTTPS with the system's CAs and spec.certSecretRef's, or plain HTTP (spec.insecure). A tag list
 * follows the registry's {@code Link: <...>; rel="next"} pages.
 *
 * <p>Written on java.net.http, not on a registry library: oras-java-sdk 0.7.0 (evaluated for this)
 * reads a Bearer challenge only with its parameters in one order and with a scope, limits requests in
 * whole seconds set for the whole client, takes no client certificate, does not follow the tag list's
 * Link pages through getTags(ref) and reads the user's registries.conf; Jib core's registry client is
 * internal API. What a scan needs of the API is three requests and the login, which is this package.
 */
public final class RegistryClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A registry whose Link pages never end (a loop, or a rogue registry) stops the listing here. */
    private static final int MAX_PAGES = 10_000;
    /** HTTP clients kept for distinct spec.certSecretRef contents; beyond it they are made anew. */
    private static final int MAX_TLS_CLIENTS = 64;
    /** Manifests a tag may name: OCI and Docker images and indexes (multi-platform images). */
    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;[^,;]*)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private final HttpClient systemTls = client(null);
    private final Map<TlsSettings, HttpClient> withCertSecret = new ConcurrentHashMap<>();

    /** The repository's tags, every page of them, in the registry's order. */
    public List<String> tags(RepositoryAccess access) throws RegistryException {
        RegistrySession session = new RegistrySession(http(access), access);
        List<String> tags = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        URI page = URI.create(access.name().tagsUrl(access.insecure()));
        while (page != null) {
            if (!seen.add(page)) {
                throw new RegistryException("GET " + page + ": the registry's Link header names a page read before"
                        + " (after " + seen.size() + " pages)");
            }
            if (seen.size() > MAX_PAGES) {
                throw new RegistryException("GET " + page + ": the registry's Link pages go on past " + MAX_PAGES);
            }
            HttpResponse<byte[]> response = session.send("GET", page, "application/json");
            if (response.statusCode() != 200) {
                throw new RegistryException("GET " + page + ": HTTP " + response.statusCode()
                        + RegistrySession.registryMessage(response.body()));
            }
            var body = RegistrySession.parse(response.body());
            if (body == null || !body.path("tags").isArray() && !body.path("tags").isNull()) {
                throw new RegistryException("GET " + page + ": not a tags list");
            }
            body.path("tags").forEach(tag -> tags.add(tag.asText()));
            page = next(page, response);
        }
        return tags;
    }

    /**
     * The digest of the manifest {@code tag} names ({@code sha256:...}): the registry's
     * Docker-Content-Digest of a HEAD request, or, when it gives none, the digest of the manifest read.
     */
    public String digest(RepositoryAccess access, String tag) throws RegistryException {
        RegistrySession session = new RegistrySession(http(access), access);
        URI uri = URI.create(access.name().manifestUrl(access.insecure(), tag));
        HttpResponse<byte[]> head = session.send("HEAD", uri, MANIFEST_TYPES);
        Optional<String> digest = head.headers().firstValue("Docker-Content-Digest");
        if (head.statusCode() == 200 && digest.isPresent()) {
            return digest.get();
        }
        if (head.statusCode() == 404) {
            throw new RegistryException("HEAD " + uri + ": HTTP 404: no tag " + tag + " in " + access.name());
        }
        HttpResponse<byte[]> get = session.send("GET", uri, MANIFEST_TYPES);
        if (get.statusCode() != 200) {
            throw new RegistryException("GET " + uri + ": HTTP " + get.statusCode()
                    + RegistrySession.registryMessage(get.body()));
        }
        return get.headers().firstValue("Docker-Content-Digest").orElseGet(() -> sha256(get.body()));
    }

    /** The next page a Link header names (resolved against this page), or null. */
    static URI next(URI page, HttpResponse<?> response) throws RegistryException {
        for (String header : response.headers().allValues("Link")) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = REL_NEXT.matcher(link.group(2));
                if (rel.find() && List.of(rel.group(1).trim().split("\\s+")).contains("next")) {
                    try {
                        return page.resolve(link.group(1).trim());
                    } catch (IllegalArgumentException e) {
                        throw new RegistryException("GET " + page + ": Link header names no URL: " + header);
                    }
                }
            }
        }
        return null;
    }

    private HttpClient http(RepositoryAccess access) throws RegistryException {
        if (access.tls() == null || access.insecure()) {
            return systemTls;
        }
        HttpClient known = withCertSecret.get(access.tls());
        if (known != null) {
            return known;
        }
        if (withCertSecret.size() >= MAX_TLS_CLIENTS) {
            withCertSecret.clear();
        }
        try {
            HttpClient made = client(access.tls());
            withCertSecret.put(access.tls(), made);
            return made;
        } catch (IllegalStateException e) {
            throw new RegistryException("spec.certSecretRef: " + e.getMessage());
        }
    }

    private static HttpClient client(TlsSettings tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (tls != null) {
            try {
                builder.sslContext(tls.sslContext());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private static String sha256(byte[] manifest) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
