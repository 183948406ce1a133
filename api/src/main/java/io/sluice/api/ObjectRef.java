package io.sluice.api;

/**
 * Names one resource: a configuration document or a Kubernetes object. The id form
 * {@code group/Kind/namespace/name} is the key of every keyed topic.
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    public String group() {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** {@code group/Kind/namespace/name}; the core group and cluster scope are empty segments. */
    public String id() {
        return group() + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    /** {@code Kind/namespace/name}, as people read it in messages. */
    public String display() {
        return kind + "/" + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
