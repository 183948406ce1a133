package io.sluice.api.kustomize;

import io.sluice.api.read.Node;

/**
 * A kustomize image override: the image {@code name} as the manifests write it, and its new name,
 * tag or digest. Flux writes it as a mapping; Argo CD as one string (see {@link #parse}).
 */
public record Image(String name, String newName, String newTag, String digest) {

    /** The mapping form: name, newName, newTag, digest. */
    public static Image read(Node item) {
        return new Image(item.get("name").requiredString(), item.get("newName").string(), item.get("newTag").string(),
                item.get("digest").string());
    }

    /**
     * Argo CD's string form, as it hands it to {@code kustomize edit set image}:
     * {@code [name=]newName[:tag][@digest]}. Without "name=", the image keeps its name and only the
     * tag or digest changes ({@code myregistry/web-app:1.0.0}).
     */
    public static Image parse(String text) {
        String value = text.trim();
        int equals = value.indexOf('=');
        if (equals >= 0) {
            Reference target = Reference.of(value.substring(equals + 1));
            return new Image(value.substring(0, equals), target.name, target.tag, target.digest);
        }
        Reference target = Reference.of(value);
        return new Image(target.name, null, target.tag, target.digest);
    }

    /** name[:tag][@digest]; a ':' before the last '/' is a registry port, not a tag. */
    private record Reference(String name, String tag, String digest) {
        static Reference of(String text) {
            String digest = null;
            String rest = text;
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String tag = null;
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            return new Reference(rest, tag, digest);
        }
    }
}
