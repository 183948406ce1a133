package io.sluice.source.artifact;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes on until {@code limit} is passed, then only counts them: an oversized artifact is
 * measured to the byte without ever taking more than the limit on disk.
 */
final class SizeCappedOutputStream extends FilterOutputStream {
    private final long limit;
    private long count;

    SizeCappedOutputStream(OutputStream out, long limit) {
        super(out);
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        count++;
        if (count <= limit) {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        long room = Math.max(0, limit - count);
        count += len;
        if (room > 0) {
            out.write(b, off, (int) Math.min(room, len));
        }
    }

    /** Throws when more than the limit was written. */
    void requireWithinLimit() {
        if (count > limit) {
            throw new ArtifactTooLargeException(count, limit);
        }
    }
}
