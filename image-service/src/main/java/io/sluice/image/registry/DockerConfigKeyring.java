package io.sluice.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.image.ImageName;
import io.sluice.events.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The logins of a docker config ({@code .dockerconfigjson}: {"auths": {host: login}}, or the older
 * {@code .dockercfg}: {host: login}) and the choice of one for an image repository, as Flux chooses
 * (go-containerregistry's Kubernetes keychain, which follows the kubelet's credential provider): a key
 * is a host, optionally with a scheme, a port and a path ({@code /v1/} or {@code /v2/} count as none);
 * it matches a repository whose host has as many dot-separated parts, each matching as a glob
 * ({@code *.registry.io}), the same port, and whose path starts with the key's path; the longest
 * key (in reverse string order) wins.
 *
 * <p>Docker Hub repositories are matched as {@code index.docker.io/<path>}, as Flux names them, and
 * the keys {@code docker.io} and {@code registry-1.docker.io} count as {@code index.docker.io}: Docker
 * and users write these for Docker Hub, where Flux would scan anonymously.
 */
public final class DockerConfigKeyring {
    private static final String DOCKER_HUB = "index.docker.io";
    private static final List<String> DOCKER_HUB_ALIASES = List.of("docker.io", ImageName.DOCKER_HUB_API);

    /** A key of the config, without scheme; its login. */
    private record Entry(String key, Credentials credentials) {
    }

    private final List<Entry> entries;

    private DockerConfigKeyring(List<Entry> entries) {
        this.entries = entries.stream().sorted(Comparator.comparing(Entry::key).reversed()).toList();
    }

    /**
     * The logins of {@code json}, the value of {@code key} ({@code .dockerconfigjson} or {@code .dockercfg})
     * of the Secret {@code source} names; throws IllegalArgumentException naming the Secret, the key and
     * the host at fault, never a value.
     */
    public static DockerConfigKeyring parse(String json, String key, String source) {
        String where = source + " key " + key;
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not JSON");
        }
        JsonNode auths = ".dockercfg".equals(key) ? root : root == null ? null : root.path("auths");
        if (auths == null || !auths.isObject()) {
            throw new IllegalArgumentException(where + " has no \"auths\" object");
        }
        Map<String, Credentials> byKey = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> auth = it.next();
            byKey.putIfAbsent(normalize(auth.getKey(), where), credentials(auth.getKey(), auth.getValue(), where,
                    source));
        }
        List<Entry> entries = new ArrayList<>();
        byKey.forEach((normalized, credentials) -> entries.add(new Entry(normalized, credentials)));
        return new DockerConfigKeyring(entries);
    }

    /** The login for {@code name}: the most specific key that matches it; empty when none does. */
    public Optional<Credentials> lookup(ImageName name) {
        String target = (name.isDockerHub() ? DOCKER_HUB : name.host()) + "/" + name.repository();
        return entries.stream().filter(entry -> matches(entry.key, target)).map(Entry::credentials).findFirst();
    }

    /** The hosts the config has logins for, to say which were there when none matched. */
    public List<String> keys() {
        return entries.stream().map(Entry::key).toList();
    }

    /** The key without scheme, with a /v1/ or /v2/ path dropped, Docker Hub's aliases made index.docker.io. */
    private static String normalize(String key, String where) {
        String withScheme = key.startsWith("https://") || key.startsWith("http://") ? key : "https://" + key;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": auths key '" + key + "' is not a host or URL");
        }
        if (uri.getRawAuthority() == null) {
            throw new IllegalArgumentException(where + ": auths key '" + key + "' is not a host or URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.startsWith("/v1/") || path.startsWith("/v2/")) {
            path = path.substring(3);
        }
        String host = uri.getRawAuthority();
        if (DOCKER_HUB_ALIASES.contains(host)) {
            host = DOCKER_HUB;
        }
        return path.isEmpty() || path.equals("/") ? host : host + path;
    }

    /** username and password, or auth (base64 of user:password, padded or not), which wins as in Flux. */
    private static Credentials credentials(String key, JsonNode login, String where, String source) {
        String username = login.path("username").asText("");
        String password = login.path("password").asText("");
        String auth = login.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": auths." + key + ".auth is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + ": auths." + key + ".auth is not base64 of user:password");
            }
            username = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        if (username.isEmpty() && password.isEmpty()) {
            throw new IllegalArgumentException(where + ": auths." + key + " has neither auth nor username and password");
        }
        return new Credentials(username, password, source);
    }

    /** Whether the key (host[:port][/path], host parts may be globs) matches target (host[:port]/path). */
    private static boolean matches(String key, String target) {
        String[] keyParts = hostAndPath(key);
        String[] targetParts = hostAndPath(target);
        String[] keyHost = hostAndPort(keyParts[0]);
        String[] targetHost = hostAndPort(targetParts[0]);
        if (!keyHost[1].equals(targetHost[1]) || !targetParts[1].startsWith(keyParts[1])) {
            return false;
        }
        String[] keyLabels = keyHost[0].split("\\.", -1);
        String[] targetLabels = targetHost[0].split("\\.", -1);
        if (keyLabels.length != targetLabels.length) {
            return false;
        }
        for (int i = 0; i < keyLabels.length; i++) {
            if (!globMatches(keyLabels[i], targetLabels[i])) {
                return false;
            }
        }
        return true;
    }

    /** {host[:port], path starting with / or empty}. */
    private static String[] hostAndPath(String value) {
        int slash = value.indexOf('/');
        return slash < 0 ? new String[] {value, ""} : new String[] {value.substring(0, slash), value.substring(slash)};
    }

    /** {host, port or empty}; an IPv6 literal keeps its brackets. */
    private static String[] hostAndPort(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.endsWith("]")) {
            return new String[] {authority, ""};
        }
        return new String[] {authority.substring(0, colon), authority.substring(colon + 1)};
    }

    /** One host label against a glob label (Go's filepath.Match: *, ?, [...]). */
    private static boolean globMatches(String glob, String label) {
        if (!glob.contains("*") && !glob.contains("?") && !glob.contains("[")) {
            return glob.equals(label);
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(label));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
