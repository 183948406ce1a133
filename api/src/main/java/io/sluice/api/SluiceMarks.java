package io.sluice.api;

/**
 * The labels and annotation Sluice puts on every object it applies: they make the inventory of an
 * application (only objects marked for it are ever pruned) and let a watch find them.
 */
public final class SluiceMarks {
    /** The field manager of every server-side apply Sluice makes. */
    public static final String FIELD_MANAGER = "sluice";
    public static final String APP_NAME_LABEL = "sluice.io/app-name";
    public static final String APP_NAMESPACE_LABEL = "sluice.io/app-namespace";
    /** The full application id: labels are limited to 63 characters, annotations are not. */
    public static final String APP_ANNOTATION = "sluice.io/app";

    private SluiceMarks() {
    }
}
