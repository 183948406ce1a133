package io.sluice.api;

import io.sluice.api.read.DocumentReading;
import io.sluice.api.read.Node;
import io.sluice.api.read.Origin;
import io.sluice.api.read.ReadResult;
import java.util.List;
import java.util.Map;

/**
 * One kind Sluice reads: its API group, its name, the versions read (the first is the one Sluice
 * writes), and the reader that turns a document's spec into its type. {@code configuration} kinds
 * are the documents users give Sluice (read from config folders and published on sluice.config);
 * the others are objects Sluice finds among the rendered manifests (Rollout, AnalysisTemplate).
 */
public final class Kind<T extends Resource> {
    /** Reads a document's spec into its type, recording each problem on the field it is about. */
    @FunctionalInterface
    public interface SpecReader<T> {
        T read(Metadata metadata, Node spec);
    }

    private final String group;
    private final String name;
    private final List<String> versions;
    private final boolean configuration;
    private final SpecReader<T> reader;
    private final String notActedOn;
    private final boolean namespaced;

    private Kind(String group, String name, List<String> versions, boolean configuration, SpecReader<T> reader,
            String notActedOn, boolean namespaced) {
        this.group = group;
        this.name = name;
        this.versions = List.copyOf(versions);
        this.configuration = configuration;
        this.reader = reader;
        this.notActedOn = notActedOn;
        this.namespaced = namespaced;
    }

    /** A kind users write as configuration. */
    public static <T extends Resource> Kind<T> configuration(String group, String name, List<String> versions,
            SpecReader<T> reader) {
        return new Kind<>(group, name, versions, true, reader, null, true);
    }

    /** A kind Sluice reads among the objects it applies. */
    public static <T extends Resource> Kind<T> manifest(String group, String name, List<String> versions,
            SpecReader<T> reader) {
        return new Kind<>(group, name, versions, false, reader, null, true);
    }

    /**
     * The same kind, read and checked but not acted on yet by any stage: each document of it gets a
     * warning saying so, with {@code what} (what Sluice will do with it), never silence.
     */
    public Kind<T> notActedOnYet(String what) {
        return new Kind<>(group, name, versions, configuration, reader, what, namespaced);
    }

    /**
     * The same kind, cluster-scoped (a ClusterAnalysisTemplate): its documents have no namespace, and
     * one written is ignored with a warning, as the API server ignores it.
     */
    public Kind<T> clusterScoped() {
        return new Kind<>(group, name, versions, configuration, reader, notActedOn, false);
    }

    /** Whether objects of this kind live in a namespace (most do). */
    public boolean namespaced() {
        return namespaced;
    }

    /** Why documents of this kind do nothing yet; null when a stage acts on them. */
    public String notActedOn() {
        return notActedOn;
    }

    public String group() {
        return group;
    }

    public String name() {
        return name;
    }

    public List<String> versions() {
        return versions;
    }

    /** The apiVersion Sluice writes this kind with: the group and its newest version. */
    public String apiVersion() {
        return group + "/" + versions.get(0);
    }

    public boolean configuration() {
        return configuration;
    }

    /** Whether {@code ref} is of this kind, whatever its version. */
    public boolean matches(ObjectRef ref) {
        return ref != null && name.equals(ref.kind()) && group.equals(ref.group());
    }

    /** Whether a topic key ({@code group/Kind/namespace/name}) names a resource of this kind. */
    public boolean keys(String id) {
        return id != null && id.startsWith(group + "/" + name + "/");
    }

    /** The id of this kind's resource {@code namespace/name}, as keyed on the topics. */
    public ObjectRef ref(String namespace, String resourceName) {
        return new ObjectRef(apiVersion(), name, namespace, resourceName);
    }

    /** Reads {@code document} (a parsed YAML or JSON document) from {@code origin}. */
    public ReadResult<T> read(Map<String, Object> document, Origin origin) {
        return DocumentReading.read(document, origin, this, reader);
    }

    @Override
    public String toString() {
        return name + " (" + group + ")";
    }
}
