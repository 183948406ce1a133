package io.sluice.render.reconcile;

import io.sluice.api.Resource;
import io.sluice.api.read.ReadResult;
import io.sluice.events.ConfigDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds render-service renders, each with its {@link RenderStrategy}, and their documents read
 * through the api once per version: every new artifact asks every document which sources it renders.
 */
public final class RenderStrategies {
    private final List<RenderStrategy<?, ?>> strategies;
    /** The last read of each document, while the document is the same object (the views replace it when it changes). */
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    private record Read(ConfigDocument document, ReadResult<?> result) {
    }

    public RenderStrategies(List<RenderStrategy<?, ?>> strategies) {
        this.strategies = List.copyOf(strategies);
    }

    /** The strategy of the kind {@code configKey} names; empty when render-service does not render that kind. */
    public Optional<RenderStrategy<?, ?>> of(String configKey) {
        return strategies.stream().filter(strategy -> strategy.kind().keys(configKey)).findFirst();
    }

    public boolean renders(String configKey) {
        return of(configKey).isPresent();
    }

    /** The sources whose artifacts the application of {@code configKey} renders; none for a document that does not read. */
    public List<String> sourceIds(String configKey, ConfigDocument document) {
        return of(configKey).map(strategy -> sourceIds(configKey, document, strategy)).orElse(List.of());
    }

    /** Whether the application of {@code configKey} reads ConfigMaps or Secrets from their folders. */
    public boolean readsMountedData(String configKey, ConfigDocument document) {
        return of(configKey).map(strategy -> readsMountedData(configKey, document, strategy)).orElse(false);
    }

    /** {@code document} read as {@code strategy}'s kind; the same result while the document is the same. */
    @SuppressWarnings("unchecked")
    <T extends Resource> ReadResult<T> read(String configKey, ConfigDocument document, RenderStrategy<T, ?> strategy) {
        Read last = reads.get(configKey);
        if (last != null && last.document() == document) {
            return (ReadResult<T>) last.result();
        }
        ReadResult<T> result = document.read(strategy.kind());
        reads.put(configKey, new Read(document, result));
        return result;
    }

    /** Drops the read of a deleted document. */
    void forget(String configKey) {
        reads.remove(configKey);
    }

    private <T extends Resource> List<String> sourceIds(String configKey, ConfigDocument document,
            RenderStrategy<T, ?> strategy) {
        ReadResult<T> read = read(configKey, document, strategy);
        return read.valid() ? strategy.sourceIds(read.value()) : List.of();
    }

    private <T extends Resource> boolean readsMountedData(String configKey, ConfigDocument document,
            RenderStrategy<T, ?> strategy) {
        ReadResult<T> read = read(configKey, document, strategy);
        return read.valid() && strategy.readsMountedData(read.value());
    }
}
