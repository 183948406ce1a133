package io.sluice.image.update;

import io.sluice.api.template.Stringer;

/**
 * The object (YAML document) holding a changed field, as Flux's ObjectIdentifier: apiVersion, kind, name,
 * namespace, each "" when the document has none (a kustomization.yaml has no name). Components are in
 * Go's field order, which is also the order templates range over them in.
 */
public record ObjectId(String apiVersion, String kind, String name, String namespace) implements Stringer {
    /** {@code .APIVersion} in templates, spelled as Flux's field is. */
    public String APIVersion() {
        return apiVersion;
    }

    /** As Go prints the nested struct: {@code {{{apps/v1 Deployment} {web default}}}}. */
    @Override
    public String asString() {
        return "{{{" + apiVersion + " " + kind + "} {" + name + " " + namespace + "}}}";
    }
}
