package io.sluice.image.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * A setter marker, the line comment {@code # {"$imagepolicy": "NAMESPACE:NAME"}} or with a {@code :tag},
 * {@code :name} or {@code :digest} suffix. As kyaml reads it, the comment (its leading '#' removed) must be
 * a JSON object of strings.
 */
record SetterMarker(String setter, String policy, Part part) {
    static final String KEY = "$imagepolicy";
    /** What Flux screens files for before parsing them: the quoted key. */
    static final String TOKEN = "\"" + KEY + "\"";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which part of the latest image a marker sets. */
    enum Part {
        IMAGE, TAG, NAME, DIGEST;

        String valueOf(LatestImage image) {
            return switch (this) {
                case IMAGE -> image.reference();
                case TAG -> image.tag();
                case NAME -> image.name();
                case DIGEST -> image.digest();
            };
        }
    }

    /** Thrown for a comment that mentions the marker key but is not a marker. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** The marker in a comment's text (without its '#'), null if the comment does not mention the key. */
    static SetterMarker parse(String comment) throws Malformed {
        if (!comment.contains(KEY)) {
            return null;
        }
        String json = comment.replaceFirst("^#*", "").strip();
        JsonNode object;
        try {
            object = JSON.readTree(json);
        } catch (JsonProcessingException notJson) {
            throw new Malformed("comment " + json + " is not a setter marker: it is not a JSON object such as "
                    + "{\"$imagepolicy\": \"NAMESPACE:NAME\"}");
        }
        if (object == null || !object.isObject() || !allStrings(object)) {
            throw new Malformed("comment " + json + " is not a setter marker: it must be a JSON object of strings");
        }
        String setter = object.path(KEY).asText("");
        String[] parts = setter.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new Malformed("setter \"" + setter + "\" is not NAMESPACE:NAME with an optional :tag, :name or :digest");
        }
        Part part = Part.IMAGE;
        if (parts.length == 3) {
            part = switch (parts[2]) {
                case "tag" -> Part.TAG;
                case "name" -> Part.NAME;
                case "digest" -> Part.DIGEST;
                default -> throw new Malformed("setter \"" + setter + "\" has the suffix :" + parts[2]
                        + "; the suffixes are :tag, :name and :digest");
            };
        }
        return new SetterMarker(setter, parts[0] + ":" + parts[1], part);
    }

    private static boolean allStrings(JsonNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            if (!fields.next().getValue().isTextual()) {
                return false;
            }
        }
        return true;
    }
}
