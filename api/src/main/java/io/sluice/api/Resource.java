package io.sluice.api;

/** A document of one of the kinds Sluice reads, read into its type. */
public interface Resource {
    Metadata metadata();

    /** The resource's identity: apiVersion, kind, namespace and name. */
    default ObjectRef ref() {
        return metadata().ref();
    }
}
