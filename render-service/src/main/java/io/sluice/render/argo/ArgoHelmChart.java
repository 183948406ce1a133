package io.sluice.render.argo;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.api.argo.HelmOptions;
import io.sluice.render.helm.ChartTemplate;
import io.sluice.render.manifest.RenderException;
import io.sluice.render.manifest.RepositoryPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code helm template} of an Argo CD helm source with Argo CD's arguments: the release name
 * (the Application's name unless releaseName is set), the destination namespace, the valueFiles
 * in order (relative to the chart folder, never outside the repository), then values or
 * valuesObject (valuesObject wins) as one more values file, then each parameter as
 * {@code --set} or, with forceString, as a string.
 */
final class ArgoHelmChart {
    private static final YAMLMapper YAML = new YAMLMapper();

    static String template(ChartTemplate helm, Path chart, Path tree, Map<String, Path> refs, Path scratch,
            HelmOptions options, String releaseName, String namespace, String field, String origin)
            throws RenderException, IOException {
        List<Path> valuesFiles = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < options.valueFiles().size(); i++) {
            valueFile(chart, tree, refs, options, options.valueFiles().get(i), field + ".valueFiles[" + i + "]", errors)
                    .ifPresent(valuesFiles::add);
        }
        if (!errors.isEmpty()) {
            throw new RenderException(errors.stream().map(error -> origin + ": " + error).toList());
        }
        if (!options.valuesObject().isEmpty()) {
            valuesFiles.add(Files.writeString(scratch.resolve("argo-values.yaml"),
                    YAML.writeValueAsString(options.valuesObject())));
        } else if (options.values() != null && !options.values().isBlank()) {
            valuesFiles.add(Files.writeString(scratch.resolve("argo-values.yaml"), options.values()));
        }
        Map<String, String> set = new LinkedHashMap<>();
        Map<String, Path> setFile = new LinkedHashMap<>();
        int strings = 0;
        for (HelmOptions.Parameter parameter : options.parameters()) {
            for (Map.Entry<String, String> assignment : assignments(parameter).entrySet()) {
                if (parameter.forceString()) {
                    // --set-string as --set-file: Helm takes the file's text as the value, always a string.
                    setFile.put(assignment.getKey(), Files.writeString(scratch.resolve("argo-parameter-" + strings++),
                            assignment.getValue()));
                } else {
                    set.put(assignment.getKey(), assignment.getValue());
                }
            }
        }
        return helm.render(chart, releaseName, namespace, valuesFiles, set, setFile, origin);
    }

    /**
     * A values file as Argo CD resolves it: relative to the chart folder; from the repository root when it
     * starts with '/'; from the root of the source whose {@code ref} is NAME when it starts with "$NAME/".
     */
    private static Optional<Path> valueFile(Path chart, Path tree, Map<String, Path> refs, HelmOptions options,
            String name, String field, List<String> errors) {
        if (name.contains("://")) {
            errors.add(field + " " + name + ": remote values files are not supported");
            return Optional.empty();
        }
        Path file;
        if (name.startsWith("$")) {
            int slash = name.indexOf('/');
            String ref = name.substring(1, slash < 0 ? name.length() : slash);
            tree = refs.get(ref);
            if (tree == null) {
                errors.add(field + " " + name + ": no source in spec.sources has ref " + ref);
                return Optional.empty();
            }
            file = tree.resolve(slash < 0 ? "" : name.substring(slash + 1).replaceFirst("^/+", "")).normalize();
        } else if (name.startsWith("/")) {
            file = tree.resolve(name.replaceFirst("^/+", "")).normalize();
        } else {
            file = chart.resolve(name).normalize();
        }
        try {
            if (!file.startsWith(tree) || Files.exists(file) && !file.toRealPath().startsWith(tree.toRealPath())) {
                errors.add(field + " " + name + ": leaves the repository");
                return Optional.empty();
            }
        } catch (IOException e) {
            errors.add(field + " " + name + ": " + e.getMessage());
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            if (!options.ignoreMissingValueFiles()) {
                errors.add(field + " " + name + ": no such file " + RepositoryPaths.display(tree, file));
            }
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /**
     * What Helm assigns for a parameter as Argo CD passes it ({@code --set name=value} with its commas
     * escaped): the value literally, a backslash keeping the character after it; a value "{a,b}" is a
     * list, assigned item by item. helm-java takes each value literally, so the parsing Helm would do
     * on the command line is done here.
     */
    static Map<String, String> assignments(HelmOptions.Parameter parameter) {
        String value = parameter.value();
        Map<String, String> assignments = new LinkedHashMap<>();
        if (value.length() > 2 && value.startsWith("{") && value.endsWith("}")) {
            List<String> items = new ArrayList<>();
            StringBuilder item = new StringBuilder();
            String inner = value.substring(1, value.length() - 1);
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    item.append(inner.charAt(++i));
                } else if (c == ',') {
                    items.add(item.toString());
                    item.setLength(0);
                } else {
                    item.append(c);
                }
            }
            items.add(item.toString());
            for (int i = 0; i < items.size(); i++) {
                assignments.put(parameter.name() + "[" + i + "]", items.get(i));
            }
        } else {
            assignments.put(parameter.name(), value.replaceAll("\\\\(.)", "$1"));
        }
        return assignments;
    }

    private ArgoHelmChart() {
    }
}
