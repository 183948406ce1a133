package io.sluice.image.automation.git;

import java.util.List;

/**
 * What a run would commit: {@code unified} is git's unified diff ("" when nothing changed), and
 * {@code changedFiles} the files it touches, relative to the repository's root, sorted.
 */
public record WorkTreeDiff(String unified, List<String> changedFiles) {

    public boolean empty() {
        return changedFiles.isEmpty();
    }
}
