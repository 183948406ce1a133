package io.sluice.notification;

import io.sluice.api.Kind;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.read.ReadResult;
import io.sluice.events.ConfigDocument;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The documents of one kind on the config topic, each read into its type once per change and made
 * into what the service uses ({@code use}). A document that does not read is kept, so that it is
 * listed with its errors, and logged: source-service publishes only valid ones, so it comes from an
 * older version or straight onto Kafka.
 */
public final class ConfigKindView<T extends Resource, V> {
    private static final Logger LOG = Logger.getLogger(ConfigKindView.class);

    private final Kind<T> kind;
    private final Function<ReadResult<T>, V> use;
    private final Map<String, V> values = new ConcurrentHashMap<>();

    public ConfigKindView(Kind<T> kind, Function<ReadResult<T>, V> use) {
        this.kind = kind;
        this.use = use;
    }

    /** Listener of the config topic view. */
    public void onConfig(String key, ConfigDocument document) {
        if (!kind.keys(key)) {
            return;
        }
        if (document == null) {
            values.remove(key);
            return;
        }
        ReadResult<T> read = document.read(kind);
        if (!read.valid()) {
            LOG.errorf("%s is not used: %s", document.ref().display(), String.join("; ", read.errorMessages()));
        }
        values.put(key, use.apply(read));
    }

    /** What the document {@code ref} became; null when there is none. */
    public V get(ObjectRef ref) {
        return values.get(ref.id());
    }

    public Collection<V> all() {
        return List.copyOf(values.values());
    }
}
