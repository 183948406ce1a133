package io.sluice.image.update;

/**
 * One field a setter changed: the file (relative to the folder scanned, '/'-separated), the 1-based line
 * of the value, the object holding it, the setter as written in the marker ("ns:policy:tag"), and the
 * values before and after.
 */
public record SetterChange(String file, int line, ObjectId object, String setter, String oldValue, String newValue) {
}
