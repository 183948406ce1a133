package io.sluice.api.template;

/**
 * A value that prints itself in templates, as a Go type with a String method does (for example a namespaced
 * name printing "namespace/name" rather than its fields).
 */
public interface Stringer {
    String asString();
}
