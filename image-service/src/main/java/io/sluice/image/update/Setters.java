package io.sluice.image.update;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The Setters update strategy of ImageUpdateAutomation, as Flux's image-automation-controller applies it:
 * every {@code .yaml}/{@code .yml} file (and {@code Kustomization}) under a folder that mentions
 * {@code "$imagepolicy"} is read, and each scalar marked {@code # {"$imagepolicy": "NS:NAME"}} (or
 * {@code :tag}, {@code :name}, {@code :digest}) gets the policy's latest image, tag, name or digest. Only
 * that scalar's text changes; every other byte of the file stays. Unlike Flux, markers that cannot be
 * applied are reported, not skipped in silence. The {@code .git} folder and symbolic links are not read.
 */
public final class Setters {
    private Setters() {
    }

    /**
     * What the setters would change under {@code root}, given each policy's latest image by
     * {@code "namespace:name"} (policies without a latest image left out).
     */
    public static SetterResult plan(Path root, Map<String, LatestImage> latestImages) throws IOException {
        List<FileUpdate> files = new ArrayList<>();
        List<SetterProblem> problems = new ArrayList<>();
        for (Path path : candidates(root)) {
            String file = relative(root, path);
            String text = utf8(Files.readAllBytes(path));
            if (text == null || !text.contains(SetterMarker.TOKEN)) {
                if (text == null && new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1).contains(SetterMarker.TOKEN)) {
                    problems.add(new SetterProblem(file, 1, null, "the file is not UTF-8; its markers were not read"));
                }
                continue;
            }
            MarkedScalars.Scan scan;
            try {
                scan = MarkedScalars.scan(file, text);
            } catch (YAMLException notYaml) {
                int line = notYaml instanceof MarkedYAMLException marked && marked.getProblemMark() != null
                        ? marked.getProblemMark().getLine() + 1 : 1;
                problems.add(new SetterProblem(file, line, null, "the file is not valid YAML, its markers were not read: "
                        + firstLine(notYaml.getMessage())));
                continue;
            }
            problems.addAll(scan.problems());
            FileUpdate update = apply(file, text, scan.sites(), latestImages, problems);
            if (update != null) {
                files.add(update);
            }
        }
        problems.sort(Comparator.comparing(SetterProblem::file).thenComparingInt(SetterProblem::line));
        return new SetterResult(files, problems);
    }

    /**
     * The folder spec.update.path names inside a checkout, kept inside it as Flux's secure join does:
     * ".." never climbs above the checkout, and an empty path is the checkout itself.
     */
    public static Path updateRoot(Path checkout, String updatePath) {
        Path folder = checkout;
        for (String segment : (updatePath == null ? "" : updatePath).split("[/\\\\]")) {
            if (segment.equals("..")) {
                folder = folder.equals(checkout) ? checkout : folder.getParent();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                folder = folder.resolve(segment);
            }
        }
        return folder;
    }

    private static FileUpdate apply(String file, String text, List<MarkedScalars.Site> sites,
            Map<String, LatestImage> latestImages, List<SetterProblem> problems) {
        StringBuilder updated = new StringBuilder(text);
        List<SetterChange> changes = new ArrayList<>();
        List<MarkedScalars.Site> descending = new ArrayList<>(sites);
        descending.sort(Comparator.comparingInt(MarkedScalars.Site::start).reversed());
        for (MarkedScalars.Site site : descending) {
            SetterMarker marker = site.marker();
            LatestImage image = latestImages.get(marker.policy());
            if (image == null) {
                problems.add(new SetterProblem(file, site.line(), marker.setter(), "the marker names the image policy "
                        + marker.policy() + ", which does not exist or has not chosen an image yet"));
                continue;
            }
            String value = marker.part().valueOf(image);
            if (value == null || value.isEmpty()) {
                problems.add(new SetterProblem(file, site.line(), marker.setter(), "the image policy " + marker.policy()
                        + " has no " + marker.part().name().toLowerCase() + " for its latest image " + image.reference()));
                continue;
            }
            if (!value.equals(site.value())) {
                updated.replace(site.start(), site.end(), ScalarText.write(site.style(), value));
                changes.add(0, new SetterChange(file, site.line(), site.object(), marker.setter(), site.value(), value));
            }
        }
        return changes.isEmpty() ? null : new FileUpdate(file, text, updated.toString(), changes);
    }

    /** The files Flux's reader considers, sorted; symbolic links and the .git folder left out. */
    private static List<Path> candidates(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (attributes.isRegularFile() && (name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("Kustomization"))) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(path -> relative(root, path)));
        return found;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** The text, or null if the bytes are not UTF-8 (the file could not be written back unchanged). */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
