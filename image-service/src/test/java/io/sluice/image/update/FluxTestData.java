package io.sluice.image.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of image-automation-controller's test folders (see flux-setters/README.txt) for tests to change. */
final class FluxTestData {
    private FluxTestData() {
    }

    static Path resource(String folder) {
        try {
            return Path.of(FluxTestData.class.getResource("/flux-setters/" + folder).toURI());
        } catch (URISyntaxException bad) {
            throw new IllegalStateException(bad);
        }
    }

    /** A copy of the resource folder under {@code target}; markers "SETTER_SITE" become {@code marker}, as upstream's ReplaceMarker does. */
    static Path copy(String folder, Path target, String marker) throws IOException {
        Path source = resource(folder);
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                Path copy = target.resolve(source.relativize(file).toString());
                try {
                    Files.createDirectories(copy.getParent());
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    Files.writeString(copy, marker == null ? text : text.replace("SETTER_SITE", marker));
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            });
        }
        return target;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
