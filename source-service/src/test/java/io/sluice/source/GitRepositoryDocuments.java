package io.sluice.source;

import io.sluice.api.ObjectRef;
import io.sluice.events.ConfigDocument;
import io.sluice.events.Topics;
import io.sluice.events.kafka.PartitionShare;
import io.sluice.events.kafka.Publisher;
import io.sluice.events.kafka.TopicSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Publishes GitRepositories in flux-system as another producer would, and writes the secrets they name. */
final class GitRepositoryDocuments {
    static final String NAMESPACE = "flux-system";

    /** Publishes a GitRepository with {@code spec} on sluice.config; returns its id. */
    static String publish(Publisher publisher, String name, Map<String, Object> spec) {
        ObjectRef objectRef = new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository", NAMESPACE, name);
        Map<String, Object> document = Map.of("apiVersion", objectRef.apiVersion(), "kind", objectRef.kind(),
                "metadata", Map.of("name", name, "namespace", NAMESPACE), "spec", spec);
        publisher.send(Topics.CONFIG, objectRef.id(), ConfigDocument.of(objectRef, "test:" + name, document));
        return objectRef.id();
    }

    /**
     * Names {@code prefix-0}, {@code prefix-1}, ... whose GitRepository ids fall {@code perPartition} in
     * each partition of the test broker's topics (created with the default partition count).
     */
    static List<String> namesCoveringEveryPartition(String prefix, int perPartition) {
        Map<Integer, Integer> count = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; names.size() < perPartition * TopicSettings.DEFAULT_PARTITIONS; i++) {
            String name = prefix + "-" + i;
            int partition = PartitionShare.partitionOf(new ObjectRef("source.toolkit.fluxcd.io/v1", "GitRepository",
                    NAMESPACE, name).id(), TopicSettings.DEFAULT_PARTITIONS);
            if (count.merge(partition, 1, Integer::sum) <= perPartition) {
                names.add(name);
            }
        }
        return names;
    }

    /** Writes secret flux-system/{@code name} into the service's secrets directory, one file per key. */
    static void writeSecret(String name, Map<String, String> data) {
        Path folder = Path.of(ConfigProvider.getConfig().getValue("sluice.secrets-dir", String.class))
                .resolve(NAMESPACE).resolve(name);
        try {
            Files.createDirectories(folder);
            for (var entry : data.entrySet()) {
                Files.writeString(folder.resolve(entry.getKey()), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GitRepositoryDocuments() {
    }
}
