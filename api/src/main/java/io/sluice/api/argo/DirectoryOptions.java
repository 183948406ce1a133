package io.sluice.api.argo;

import io.sluice.api.read.Node;
import java.util.Map;

/**
 * An Argo CD source's {@code directory} options: a folder of plain manifests.
 *
 * @param recurse whether sub-folders are read too (false by default)
 * @param include a glob of the files read ("{a,b}" for several); null: every manifest file
 * @param exclude a glob of the files left out, which wins over include; null: none
 */
public record DirectoryOptions(boolean recurse, String include, String exclude) {
    /** No option: the folder's own manifest files. */
    public static final DirectoryOptions DEFAULT = new DirectoryOptions(false, null, null);

    static DirectoryOptions read(Node directory) {
        Node jsonnet = directory.get("jsonnet");
        if (jsonnet.raw() instanceof Map<?, ?> options && !options.isEmpty()) {
            jsonnet.notSupported("Jsonnet files are not evaluated");
        }
        ArgoFields.unsupportedIfTrue(directory, "only .yaml, .yml and .json files are read", "disableExtensionFilter");
        return new DirectoryOptions(directory.get("recurse").bool(), directory.get("include").string(),
                directory.get("exclude").string());
    }
}
