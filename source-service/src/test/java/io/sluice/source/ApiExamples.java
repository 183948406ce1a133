package io.sluice.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The YAML examples api's tests read, from its test-jar: the guide's under {@code seed/}, the
 * upstream projects' documentation examples under {@code upstream/}. The same files, not copies.
 */
final class ApiExamples {

    /** The *.yaml files of {@code folder} (seed or upstream), by file name, in name order. */
    static Map<String, String> yamlFiles(String folder) {
        URL readme = ApiExamples.class.getClassLoader().getResource(folder + "/README.md");
        if (readme == null) {
            throw new IllegalStateException("no " + folder + "/README.md on the test class path (api's test-jar)");
        }
        try {
            URI uri = readme.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return read(Path.of(uri).getParent());
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read(jar.getPath(folder));
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list " + folder + " of api's test resources", e);
        }
    }

    /** One file, e.g. {@code upstream/gitrepository-podinfo.yaml}. */
    static String file(String path) {
        String folder = path.substring(0, path.indexOf('/'));
        String content = yamlFiles(folder).get(path.substring(path.indexOf('/') + 1));
        if (content == null) {
            throw new IllegalArgumentException("no api test resource " + path);
        }
        return content;
    }

    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listed = Files.list(folder)) {
            for (Path file : listed.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    private ApiExamples() {
    }
}
