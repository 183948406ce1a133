package io.sluice.image.update;

import java.util.List;

/** A file the setters change: its path relative to the folder scanned, its text before and after, and the changes. */
public record FileUpdate(String path, String original, String updated, List<SetterChange> changes) {
}
