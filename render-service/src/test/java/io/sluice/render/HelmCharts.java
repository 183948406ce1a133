package io.sluice.render;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small charts made in the test, packaged as a chart repository serves them (a .tgz holding one
 * folder named after the chart), and the reference rendering: Helm's engine run on the same chart
 * and values outside the service.
 */
final class HelmCharts {
    static final String KUBE_VERSION = "v1.34.4";
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A chart's files by path inside the chart, Chart.yaml included. */
    static Map<String, String> chart(String name, String values, Map<String, String> templates) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: 1.0.0\n");
        files.put("values.yaml", values);
        templates.forEach((file, text) -> files.put(file.startsWith("crds/") ? file : "templates/" + file, text));
        return files;
    }

    static byte[] packaged(String name, Map<String, String> chart) {
        Map<String, String> entries = new LinkedHashMap<>();
        chart.forEach((file, text) -> entries.put(name + "/" + file, text));
        return TarGz.of(entries);
    }

    /** Writes {@code files} (path to content) into a fresh folder and returns it. */
    static Path folder(Map<String, String> files) {
        try {
            Path root = Files.createTempDirectory("chart");
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = root.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of what helm template printed. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(String yaml) throws IOException {
        return YAML.readValues(YAML.getFactory().createParser(yaml), Object.class).readAll().stream()
                .filter(document -> document != null).map(document -> (Map<String, Object>) document).toList();
    }

    /** What helm template prints for {@code chart} with {@code values}, as objects. */
    static List<Map<String, Object>> reference(Map<String, String> chart, String release, String namespace,
            Map<String, Object> values) {
        try {
            Path dir = folder(chart);
            Path valuesFile = Files.writeString(Files.createTempFile("values", ".yaml"), YAML.writeValueAsString(values));
            String yaml = new Helm(dir).template().withName(release).withNamespace(namespace)
                    .withKubeVersion(KUBE_VERSION).withValuesFile(valuesFile).call();
            return objects(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HelmCharts() {
    }
}
