package io.sluice.api.meta;

import io.sluice.api.read.Node;

/**
 * A ConfigMap or Secret in the referring object's namespace whose data is read: Flux's
 * {@code postBuild.substituteFrom} and HelmRelease {@code valuesFrom} entries. {@code valuesKey} and
 * {@code targetPath} are HelmRelease's (a key holding a values file, default {@value #DEFAULT_VALUES_KEY};
 * or one value put at a dotted path); both null for substitutions. Missing data is an error unless
 * {@code optional}.
 */
public record DataReference(String kind, String name, String valuesKey, String targetPath, boolean optional) {
    public static final String DEFAULT_VALUES_KEY = "values.yaml";

    public boolean secret() {
        return "Secret".equals(kind);
    }

    /** A {@code substituteFrom} entry: kind, name, optional. */
    public static DataReference readSubstitution(Node reference) {
        return new DataReference(reference.get("kind").requiredOneOf("ConfigMap", "Secret"),
                reference.get("name").requiredString(), null, null, reference.get("optional").bool());
    }

    /** A {@code valuesFrom} entry: kind, name, valuesKey, targetPath, optional. */
    public static DataReference readValues(Node reference) {
        String kindName = reference.get("kind").requiredOneOf("ConfigMap", "Secret");
        String key = reference.get("valuesKey").string();
        return new DataReference(kindName, reference.get("name").requiredString(),
                key == null ? DEFAULT_VALUES_KEY : key, reference.get("targetPath").string(),
                reference.get("optional").bool());
    }
}
