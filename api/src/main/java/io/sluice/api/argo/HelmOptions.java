package io.sluice.api.argo;

import io.sluice.api.read.Node;
import java.util.List;
import java.util.Map;

/**
 * An Argo CD source's {@code helm} options: how a chart (from a Helm repository, or a folder of a
 * Git source) is templated.
 *
 * @param valueFiles values files, relative to the source's path (or {@code $ref/...} of another source)
 * @param ignoreMissingValueFiles whether a values file that does not exist is skipped rather than an error
 * @param values values as a YAML text; null when not written. {@code valuesObject} wins over it
 * @param valuesObject values as an object; empty when not written
 * @param parameters {@code --set} (or {@code --set-string} with forceString) parameters, which win over values
 * @param releaseName the release name; null: the Application's name (Argo CD's default)
 * @param skipCrds whether the chart's crds/ folder is left out (false: included, as Argo CD does)
 */
public record HelmOptions(List<String> valueFiles, boolean ignoreMissingValueFiles, String values,
        Map<String, Object> valuesObject, List<Parameter> parameters, String releaseName, boolean skipCrds) {
    /** No option: the chart's own values. */
    public static final HelmOptions NONE = new HelmOptions(List.of(), false, null, Map.of(), List.of(), null, false);

    /**
     * One parameter.
     *
     * @param value as written; YAML numbers and booleans as their text ("" when not written)
     * @param forceString whether the value stays a string (Helm's --set-string) rather than being typed
     */
    public record Parameter(String name, String value, boolean forceString) {

        static Parameter read(Node parameter) {
            String value = parameter.get("value").scalar();
            return new Parameter(parameter.get("name").requiredString(), value == null ? "" : value,
                    parameter.get("forceString").bool());
        }
    }

    static HelmOptions read(Node helm) {
        helm.unsupported(null, "fileParameters", "version", "kubeVersion", "apiVersions")
                .unsupported("the chart is templated into spec.destination.namespace", "namespace");
        ArgoFields.unsupportedIfTrue(helm, null, "skipTests", "skipSchemaValidation", "passCredentials");
        Node valuesField = helm.get("values");
        String values = null;
        if (valuesField.present() && !(valuesField.raw() instanceof String)) {
            valuesField.error("must be a string holding YAML (use valuesObject for an object)");
        } else {
            values = valuesField.string();
        }
        return new HelmOptions(helm.get("valueFiles").strings(), helm.get("ignoreMissingValueFiles").bool(), values,
                helm.get("valuesObject").freeform(), helm.get("parameters").list(item -> item.object(Parameter::read)),
                helm.get("releaseName").string(), helm.get("skipCrds").bool());
    }
}
