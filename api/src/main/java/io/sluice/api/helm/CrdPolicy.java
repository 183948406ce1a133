package io.sluice.api.helm;

import io.sluice.api.read.Node;

/** What is done with the CRDs of a chart's crds/ folder on install or upgrade (Flux's CRDsPolicy). */
public enum CrdPolicy implements WrittenAs {
    /** Neither create nor replace any CRD. */
    SKIP("Skip"),
    /** Create the CRDs that do not exist yet; leave the others as they are. */
    CREATE("Create"),
    /** Create the CRDs that do not exist yet and replace the others. */
    CREATE_REPLACE("CreateReplace");

    private final String written;

    CrdPolicy(String written) {
        this.written = written;
    }

    @Override
    public String written() {
        return written;
    }

    /** {@code crds}; {@code absent} when not written. */
    static CrdPolicy read(Node crds, CrdPolicy absent) {
        return WrittenAs.read(crds, absent, values());
    }

    @Override
    public String toString() {
        return written;
    }
}
