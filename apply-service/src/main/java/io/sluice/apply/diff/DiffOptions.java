package io.sluice.apply.diff;

/**
 * Which differences between the bundle and the cluster do not count.
 *
 * @param respectIgnoreDifferences whether ignored fields are also left alone when applying
 */
public record DiffOptions(boolean respectIgnoreDifferences) {
    public static final DiffOptions NONE = new DiffOptions(false);
}
