package io.sluice.render.reconcile;

import io.sluice.api.ObjectRef;
import java.util.List;

/** What the reconciler needs of any application document it renders: a Kustomization or a HelmRelease. */
public interface AppSpec {
    ObjectRef ref();

    /** Where the document came from (its file in the repository), for errors and events. */
    String origin();

    /** The id of the source whose artifact is rendered. */
    String sourceId();

    boolean suspend();

    /** Spec fields that shape the result but are not supported yet: reported, never silently ignored. */
    List<String> unsupportedFields();

    /** Malformed fields, each naming the document and the field. */
    List<String> errors();
}
