package io.sluice.render.argo;

import io.sluice.render.kustomization.BuildOptions;

/**
 * An image override as Argo CD writes it and hands to {@code kustomize edit set image}:
 * {@code [name=]newName[:tag][@digest]}. Without "name=", the image keeps its name and only the
 * tag or digest changes ({@code myregistry/web-app:1.0.0}).
 */
final class KustomizeImage {

    static BuildOptions.Image parse(String text) {
        String value = text.trim();
        int equals = value.indexOf('=');
        if (equals >= 0) {
            Reference target = Reference.of(value.substring(equals + 1));
            return new BuildOptions.Image(value.substring(0, equals), target.name, target.tag, target.digest);
        }
        Reference target = Reference.of(value);
        return new BuildOptions.Image(target.name, null, target.tag, target.digest);
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

    private KustomizeImage() {
    }
}
