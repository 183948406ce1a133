package io.sluice.render.reconcile;

import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.events.ConfigDocument;

/**
 * One application as a render sees it: its document read into its kind's type, and the document as
 * published (its key and file, and the form Argo CD's parameter files are merged into).
 */
public record AppDocument<T extends Resource>(T value, ConfigDocument document) {

    public ObjectRef ref() {
        return document.ref();
    }

    /** The document's file in its repository, which every error starts with. */
    public String origin() {
        return document.origin() == null ? document.ref().display() : document.origin();
    }
}
