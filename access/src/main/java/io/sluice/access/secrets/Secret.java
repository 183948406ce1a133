package io.sluice.access.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data of one Kubernetes-style Secret, read from the secrets directory. Its values never
 * appear in {@link #toString()}, so a Secret can be logged or put in a message by mistake without
 * leaking anything.
 */
public final class Secret {
    private final String namespace;
    private final String name;
    private final Map<String, byte[]> data;

    Secret(String namespace, String name, Map<String, byte[]> data) {
        this.namespace = namespace;
        this.name = name;
        this.data = Map.copyOf(data);
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public Set<String> keys() {
        return data.keySet();
    }

    public Optional<byte[]> bytes(String key) {
        return Optional.ofNullable(data.get(key)).map(byte[]::clone);
    }

    /** The value of {@code key} as UTF-8 text, with a trailing newline removed (as `echo > file` leaves one). */
    public Optional<String> text(String key) {
        return Optional.ofNullable(data.get(key)).map(v -> new String(v, StandardCharsets.UTF_8))
                .map(v -> v.endsWith("\n") ? v.substring(0, v.length() - 1) : v);
    }

    /** The value of {@code key}, or an error naming the secret and the key (never a value). */
    public String require(String key) {
        return text(key).orElseThrow(() -> new SecretNotFoundException(
                "secret " + namespace + "/" + name + " has no key '" + key + "' (keys: " + keys() + ")"));
    }

    @Override
    public String toString() {
        return "Secret " + namespace + "/" + name + " (keys " + keys() + ", values hidden)";
    }
}
