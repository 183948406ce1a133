package io.sluice.image.update;

/**
 * A marker that was not applied, or a file with markers that could not be read, with the file (relative
 * to the folder scanned), the 1-based line and the setter (null when there is none). Flux skips these
 * silently; Sluice reports them and leaves that field as it was.
 */
public record SetterProblem(String file, int line, String setter, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
