package io.sluice.api.read;

/**
 * Where a document was read from: its file (relative to the config folder or the repository), the
 * document's number in that file (1 for the first; 0 when unknown) and the line it starts on (0
 * when unknown). Documents read back from Kafka know only their file.
 */
public record Origin(String file, int document, int line) {

    /** A document known only by its file, as documents on sluice.config are. */
    public static Origin of(String file) {
        return new Origin(file, 0, 0);
    }

    /** {@code apps.yaml:14 (document 2)}, {@code apps.yaml} when the position is unknown. */
    @Override
    public String toString() {
        String where = file == null ? "(unknown file)" : file;
        if (line > 0) {
            where += ":" + line;
        }
        return document > 0 ? where + " (document " + document + ")" : where;
    }
}
