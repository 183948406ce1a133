package io.sluice.render.postbuild;

import io.sluice.api.kustomize.Kustomization.PostBuild;
import io.sluice.api.meta.DataReference;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.postbuild.MountedObjects.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gathers the variables of a Kustomization's postBuild as Flux does: the data of each
 * substituteFrom ConfigMap and Secret in order (a later one wins), then the inline substitute map,
 * which wins over all. Newlines are removed from values. A reference that is missing is an error
 * unless it is optional; a name that is not a valid variable name is an error.
 */
public final class VariableSources {
    private static final String NAME_RULE = "^[_[:alpha:]][_[:alpha:][:digit:]]*$";
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_A-Za-z0-9]*");

    private final MountedObjects configMaps;
    private final MountedObjects secrets;

    public VariableSources(MountedObjects configMaps, MountedObjects secrets) {
        this.configMaps = configMaps;
        this.secrets = secrets;
    }

    /** The variables for a Kustomization in {@code namespace}; errors start with {@code origin}. */
    public Variables load(String origin, String namespace, PostBuild postBuild) throws RenderException {
        if (postBuild == null) {
            return Variables.NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<DataReference> references = postBuild.substituteFrom();
        for (int i = 0; i < references.size(); i++) {
            DataReference reference = references.get(i);
            String field = origin + ": spec.postBuild.substituteFrom[" + i + "]: ";
            MountedObjects objects = reference.secret() ? secrets : configMaps;
            try {
                Optional<Map<String, String>> data = objects.get(namespace, reference.name());
                if (data.isEmpty() && !reference.optional()) {
                    errors.add(field + reference.kind() + " " + namespace + "/" + reference.name()
                            + " not found in " + objects.location(namespace, reference.name()));
                }
                data.orElse(Map.of()).forEach((key, value) -> put(values, key, value, errors,
                        field + reference.kind() + " " + namespace + "/" + reference.name() + " key '" + key + "'"));
            } catch (NotFoundException e) {
                if (!reference.optional()) {
                    errors.add(field + e.getMessage());
                }
            }
        }
        postBuild.substitute().forEach((key, value) -> put(values, key, value, errors,
                origin + ": spec.postBuild.substitute." + key));
        if (!errors.isEmpty()) {
            throw new RenderException(errors);
        }
        return new Variables(values);
    }

    private static void put(Map<String, String> values, String key, String value, List<String> errors, String where) {
        if (!NAME.matcher(key).matches()) {
            errors.add(where + ": var name is invalid, must match '" + NAME_RULE + "'");
            return;
        }
        values.put(key, value.replace("\n", ""));
    }
}
