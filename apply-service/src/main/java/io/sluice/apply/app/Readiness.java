package io.sluice.apply.app;

/**
 * What an application waits for before and after it is applied. Empty until dependencies,
 * wait and health checks are read from the specs.
 */
public record Readiness() {
    public static final Readiness NONE = new Readiness();
}
