package io.sluice.source.artifact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether each symbolic link of a tree stays inside it, resolving its target step by step
 * the way a file system would, through the tree's other links: a link that passes through another
 * link and then climbs with ".." is judged by where it really lands.
 */
final class SymlinkCheck {
    private static final int MAX_LINKS_FOLLOWED = 40;

    private final Map<String, String> links;

    /** {@code links}: every symlink of the tree, path to target. */
    SymlinkCheck(Map<String, String> links) {
        this.links = links;
    }

    /** Throws an {@link ArchiveException} naming the first link (in path order) that leaves the tree. */
    void requireAllInside() {
        links.keySet().stream().sorted().forEach(path -> {
            List<String> folder = new ArrayList<>(List.of(path.split("/")));
            folder.remove(folder.size() - 1);
            if (!resolves(folder, links.get(path), 0)) {
                throw new ArchiveException("symlink '" + path + "' points outside the repository (target '"
                        + links.get(path) + "'): refused");
            }
        });
    }

    /** Follows {@code target} from {@code folder}; false when it climbs above the root or loops. */
    private boolean resolves(List<String> folder, String target, int followed) {
        if (target.isEmpty() || target.startsWith("/") || followed > MAX_LINKS_FOLLOWED) {
            return false;
        }
        for (String step : target.split("/")) {
            if (step.equals("..")) {
                if (folder.isEmpty()) {
                    return false;
                }
                folder.remove(folder.size() - 1);
            } else if (!step.isEmpty() && !step.equals(".")) {
                folder.add(step);
                String link = links.get(String.join("/", folder));
                if (link != null) {
                    folder.remove(folder.size() - 1);
                    if (!resolves(folder, link, followed + 1)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
