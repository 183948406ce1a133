package io.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.read.ReadResult;
import io.sluice.api.read.YamlDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads test documents: YAML files under src/test/resources, or YAML text, as the config reader would. */
public final class Documents {

    /** Every document of the resource file {@code path}, each read as the kind it declares. */
    public static List<ReadResult<? extends Resource>> file(String path) {
        try (InputStream in = Documents.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return parse(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of {@code yaml}, read as the file {@code file}. */
    public static List<ReadResult<? extends Resource>> text(String file, String yaml) {
        return parse(file, yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** The one document of {@code yaml}, which must be of {@code kind}. */
    public static <T extends Resource> ReadResult<T> one(Kind<T> kind, String file, String yaml) {
        YamlDocuments.File parsed = YamlDocuments.parse(file, yaml.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), parsed.problems());
        assertEquals(1, parsed.documents().size(), "documents in " + file);
        YamlDocuments.Document document = parsed.documents().get(0);
        return kind.read(document.content(), document.origin());
    }

    /** The one document of {@code yaml}, valid, as {@code kind}'s type. */
    public static <T extends Resource> T valid(Kind<T> kind, String yaml) {
        ReadResult<T> read = one(kind, "test.yaml", yaml);
        assertTrue(read.valid(), () -> "errors: " + read.errorMessages());
        return read.value();
    }

    /** Every document of a resource file, which must all be valid and without warnings, as {@code kind}'s type. */
    public static <T extends Resource> List<T> clean(Kind<T> kind, String path) {
        return file(path).stream().filter(read -> kind.matches(read.ref())).map(read -> {
            assertEquals(List.of(), read.problems().stream().map(read::describe).toList(), path);
            return cast(kind, read);
        }).toList();
    }

    /**
     * Every document of {@code kind} in a resource file, read, valid or not: for kinds whose documents
     * always have warnings (those not acted on yet), checked by the test.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Resource> List<ReadResult<T>> results(Kind<T> kind, String path) {
        return file(path).stream().filter(read -> kind.matches(read.ref())).map(read -> (ReadResult<T>) read)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Resource> T cast(Kind<T> kind, ReadResult<? extends Resource> read) {
        return (T) read.value();
    }

    private static List<ReadResult<? extends Resource>> parse(String file, byte[] content) {
        YamlDocuments.File parsed = YamlDocuments.parse(file, content);
        assertEquals(List.of(), parsed.problems(), "problems of " + file);
        return parsed.documents().stream()
                .<ReadResult<? extends Resource>>map(document -> Kinds.read(document.content(),
                        document.origin()))
                .toList();
    }

    private Documents() {
    }
}
