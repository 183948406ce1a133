package io.sluice.render.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CRD files Helm installs for a chart: the YAML and JSON files of its crds/ folder, then those of
 * its unpacked subcharts (charts/<name>/crds/), each folder in name order.
 */
public final class ChartCrds {

    public static List<Path> files(Path chart) throws IOException {
        List<Path> files = new ArrayList<>(inFolder(chart.resolve("crds")));
        Path subcharts = chart.resolve("charts");
        if (Files.isDirectory(subcharts)) {
            try (Stream<Path> charts = Files.list(subcharts)) {
                for (Path subchart : charts.filter(Files::isDirectory).sorted().toList()) {
                    files.addAll(files(subchart));
                }
            }
        }
        return files;
    }

    private static List<Path> inFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> file.toString().matches(".*\\.(yaml|yml|json)$")).sorted().toList();
        }
    }

    private ChartCrds() {
    }
}
