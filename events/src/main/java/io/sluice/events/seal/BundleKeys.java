package io.sluice.events.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundle keys a service holds: the current one, which seals, and older ones still accepted for
 * opening while bundles sealed before a rotation are on the topic. Read from configuration:
 * {@code sluice.bundle.key} (base64 of 32 bytes) or {@code sluice.bundle.key-file} (the current key on
 * the first line, older keys on the following lines), plus {@code sluice.bundle.previous-keys}.
 * Errors name the property, never the value.
 */
public final class BundleKeys {
    public static final String KEY_PROPERTY = "sluice.bundle.key";
    public static final String KEY_FILE_PROPERTY = "sluice.bundle.key-file";
    public static final String PREVIOUS_PROPERTY = "sluice.bundle.previous-keys";
    public static final BundleKeys NONE = new BundleKeys(List.of());

    private final BundleKey current;
    private final Map<String, BundleKey> byId = new LinkedHashMap<>();

    private BundleKeys(List<BundleKey> keys) {
        this.current = keys.isEmpty() ? null : keys.get(0);
        keys.forEach(key -> byId.putIfAbsent(key.id(), key));
    }

    /** Keys from raw bytes, current first; for tests and tools. */
    public static BundleKeys of(byte[]... keys) {
        List<BundleKey> list = new ArrayList<>();
        for (byte[] key : keys) {
            list.add(new BundleKey(key));
        }
        return new BundleKeys(list);
    }

    /**
     * @throws IllegalArgumentException naming the property when a key is not base64 of 32 bytes, when
     *     the key file cannot be read, or when both the key and the key file are set
     */
    public static BundleKeys fromConfig(Optional<String> key, Optional<String> keyFile, Optional<List<String>> previous) {
        List<BundleKey> keys = new ArrayList<>();
        if (key.filter(k -> !k.isBlank()).isPresent() && keyFile.filter(f -> !f.isBlank()).isPresent()) {
            throw new IllegalArgumentException("set " + KEY_PROPERTY + " or " + KEY_FILE_PROPERTY + ", not both");
        }
        key.filter(k -> !k.isBlank()).ifPresent(k -> keys.add(decode(k, KEY_PROPERTY)));
        keyFile.filter(f -> !f.isBlank()).ifPresent(file -> keys.addAll(readFile(Path.of(file.trim()))));
        if (keys.isEmpty() && previous.filter(p -> !p.isEmpty()).isPresent()) {
            throw new IllegalArgumentException(PREVIOUS_PROPERTY + " is set without a current key ("
                    + KEY_PROPERTY + " or " + KEY_FILE_PROPERTY + ")");
        }
        List<String> older = previous.orElse(List.of());
        for (int i = 0; i < older.size(); i++) {
            if (!older.get(i).isBlank()) {
                keys.add(decode(older.get(i), PREVIOUS_PROPERTY + "[" + i + "]"));
            }
        }
        return new BundleKeys(keys);
    }

    private static List<BundleKey> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + KEY_FILE_PROPERTY + " " + file + ": "
                    + e.getClass().getSimpleName(), e);
        }
        List<BundleKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                keys.add(decode(lines.get(i), KEY_FILE_PROPERTY + " " + file + " line " + (i + 1)));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(KEY_FILE_PROPERTY + " " + file + " holds no key");
        }
        return keys;
    }

    private static BundleKey decode(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: not repeated.
            throw new IllegalArgumentException(where + " is not base64");
        }
        if (bytes.length != BundleKey.LENGTH) {
            throw new IllegalArgumentException(where + " must be the base64 form of " + BundleKey.LENGTH
                    + " bytes, not " + bytes.length);
        }
        return new BundleKey(bytes);
    }

    /** The key that seals; null when none is configured. */
    public BundleKey current() {
        return current;
    }

    /** The key with {@code id}, current or older; null when this service does not hold it. */
    public BundleKey find(String id) {
        return byId.get(id);
    }

    /** The ids of the keys held, current first: safe to log. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    @Override
    public String toString() {
        return "bundle keys " + ids();
    }
}
