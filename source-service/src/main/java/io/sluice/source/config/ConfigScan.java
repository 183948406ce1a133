package io.sluice.source.config;

import io.sluice.events.ConfigDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one scan of the config folders found. Documents that could not be read or validated this
 * time are remembered by origin or key, so that what was published from them is kept rather than
 * deleted while the user fixes a file.
 */
public final class ConfigScan {
    final Map<String, ConfigDocument> documents = new LinkedHashMap<>();
    final List<ConfigProblem> problems = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final Set<String> unreadableOrigins = new LinkedHashSet<>();
    final Set<String> invalidKeys = new LinkedHashSet<>();
    boolean everyFolderListed = true;

    public Map<String, ConfigDocument> documents() {
        return documents;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Whether a previously published document may be deleted because this scan no longer has it. */
    boolean gone(String key, String origin) {
        return everyFolderListed && !documents.containsKey(key) && !invalidKeys.contains(key)
                && !unreadableOrigins.contains(origin);
    }
}
