package io.sluice.api.template;

/** Go's {@code missingkey} option: what a field naming an absent map key yields. */
public enum MissingKey {
    /** "missingkey=default" (or "invalid"): no value, printed as {@code <no value>}. */
    DEFAULT,
    /** "missingkey=zero": the zero value of the map's element type. */
    ZERO,
    /** "missingkey=error": execution stops with an error naming the key. */
    ERROR
}
