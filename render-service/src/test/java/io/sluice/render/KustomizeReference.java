package io.sluice.render;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The expected side of the golden tests: what the real {@code kubectl kustomize} builds from a
 * repository whose kustomization files are written by hand, parsed into objects.
 */
final class KustomizeReference {

    /** Writes {@code files} (path to content) into a fresh folder and builds its folder {@code dir}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> build(String dir, Map<String, String> files) {
        Path root = null;
        try {
            root = write(files);
            Process process = new ProcessBuilder("kubectl", "kustomize", root.resolve(dir).toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed");
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            YAMLMapper yaml = new YAMLMapper();
            try (MappingIterator<Map<String, Object>> documents = yaml.readerFor(Map.class)
                    .readValues(new String(output, StandardCharsets.UTF_8))) {
                documents.forEachRemaining(objects::add);
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(root);
        }
    }

    /** A fresh folder holding {@code files} (path to content). */
    static Path write(Map<String, String> files) throws IOException {
        Path root = Files.createTempDirectory("kustomize-reference");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return root;
    }

    static void delete(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KustomizeReference() {
    }
}
