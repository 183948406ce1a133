package io.sluice.render.artifact;

import io.sluice.events.SourceArtifact;
import io.sluice.render.manifest.RenderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Where every render starts: a fresh scratch folder holding the artifact, downloaded, checked
 * against its digest and unpacked safely. Kustomizations and HelmReleases share it.
 */
public final class ArtifactWorkspace {
    private final ScratchSpace scratch;
    private final ArtifactDownloader downloader;
    private final TarGzExtractor extractor;

    public ArtifactWorkspace(ScratchSpace scratch, ArtifactDownloader downloader, TarGzExtractor extractor) {
        this.scratch = scratch;
        this.downloader = downloader;
        this.extractor = extractor;
    }

    /** Downloads and unpacks {@code artifact} into a new scratch folder; closing it deletes the folder. */
    public Unpacked unpack(SourceArtifact artifact) throws RenderException, IOException {
        return unpack(artifact, entry -> true);
    }

    /** The same, unpacking only the files {@code files} accepts (by entry name). */
    public Unpacked unpack(SourceArtifact artifact, Predicate<String> files) throws RenderException, IOException {
        ScratchSpace.Folder folder = scratch.create();
        try {
            Path archive = folder.path().resolve("artifact.tar.gz");
            downloader.download(artifact, archive);
            Path tree = Files.createDirectory(folder.path().resolve("tree"));
            extractor.extract(archive, tree, artifact.url(), files);
            return new Unpacked(folder, tree);
        } catch (RenderException | IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /**
     * Downloads {@code artifact}, checked against its digest, and hands the archive to {@code reader}
     * without unpacking it; the archive is deleted afterwards.
     */
    public <T> T read(SourceArtifact artifact, ArchiveReader<T> reader) throws RenderException, IOException {
        try (ScratchSpace.Folder folder = scratch.create()) {
            Path archive = folder.path().resolve("artifact.tar.gz");
            downloader.download(artifact, archive);
            return reader.read(archive);
        }
    }

    /** What is read from a downloaded archive. */
    @FunctionalInterface
    public interface ArchiveReader<T> {
        T read(Path archive) throws IOException;
    }

    /** An unpacked artifact: {@code tree} is its content, {@code path()} the scratch folder around it. */
    public record Unpacked(ScratchSpace.Folder folder, Path tree) implements AutoCloseable {
        public Path path() {
            return folder.path();
        }

        @Override
        public void close() {
            folder.close();
        }
    }
}
