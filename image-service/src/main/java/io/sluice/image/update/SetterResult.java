package io.sluice.image.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the setters change under a folder: the files with their new text (sorted by path) and the markers
 * that could not be applied. Nothing is written until {@link #write}.
 */
public record SetterResult(List<FileUpdate> files, List<SetterProblem> problems) {
    public SetterResult {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** True when at least one file changes (Flux commits only then). */
    public boolean hasChanges() {
        return !files.isEmpty();
    }

    /** Every change, file by file. */
    public List<SetterChange> changes() {
        List<SetterChange> all = new ArrayList<>();
        files.forEach(file -> all.addAll(file.changes()));
        return all;
    }

    /** Writes the new text of each changed file under {@code root} (the folder that was scanned). */
    public void write(Path root) throws IOException {
        for (FileUpdate file : files) {
            Files.writeString(root.resolve(file.path()), file.updated(), StandardCharsets.UTF_8);
        }
    }

    /** The changes as Flux's update.Result, the {@code .Changed} of a commit message template. */
    public Changed changed() {
        Map<String, Map<ObjectId, List<Changed.Change>>> byFile = new TreeMap<>();
        for (SetterChange change : changes()) {
            byFile.computeIfAbsent(change.file(), file -> new LinkedHashMap<>())
                    .computeIfAbsent(change.object(), object -> new ArrayList<>())
                    .add(new Changed.Change(change.oldValue(), change.newValue(), change.setter()));
        }
        return new Changed(byFile);
    }

    /**
     * The data Flux gives a messageTemplate: {@code .AutomationObject} (prints "namespace/name"),
     * {@code .Changed} (with {@code .FileChanges}, {@code .Changes}, {@code .Objects}) and {@code .Values}
     * (spec.git.commit.messageTemplateValues).
     */
    public CommitMessage.Data messageData(String namespace, String name, Map<String, String> values) {
        return new CommitMessage.Data(new CommitMessage.NamespacedName(namespace, name), changed(),
                values == null ? Map.of() : Map.copyOf(values));
    }

    /** The data of a v1beta1 automation's template: {@link #messageData} and {@code .Updated}, from the images set. */
    public CommitMessage.V1beta1Data v1beta1MessageData(String namespace, String name, Map<String, String> values,
            Map<String, LatestImage> latest) {
        return new CommitMessage.V1beta1Data(new CommitMessage.NamespacedName(namespace, name),
                Updated.of(changes(), latest), changed(), values == null ? Map.of() : Map.copyOf(values));
    }
}
