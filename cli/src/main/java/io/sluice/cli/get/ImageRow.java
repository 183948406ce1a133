package io.sluice.cli.get;

import java.time.Instant;

/**
 * One line of {@code sluice get images}: an ImageRepository (its tag count), an ImagePolicy (the
 * image it chose) or an ImageUpdateAutomation (its last pushed commit), as {@code flux get images all}
 * shows them.
 *
 * @param latest the tag count, the chosen image or the last commit pushed
 * @param lastUpdate when the repository was last scanned, the choice made, or the commit pushed
 */
public record ImageRow(String kind, String namespace, String name, boolean ready, boolean suspended, String latest,
        Instant lastUpdate, String message) {
}
