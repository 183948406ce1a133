package io.sluice.image.update;

import io.sluice.api.image.ImageName;
import io.sluice.api.template.Stringer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code .Updated} that ImageUpdateAutomation v1beta1 message templates read (Flux's update.Result
 * before v1beta2): {@code .Files} (file, then {@code .Objects}: object to the images set in it),
 * {@code .Objects} (object to images, whatever the file) and {@code .Images}.
 *
 * <p>{@code .Images} is a map from each image set to the objects it was set in. The guide's template
 * (seed §3.5) ranges over it as {@code range $image, $_ := .Updated.Images} and reads
 * {@code $image.Repository}: on Flux's list of images that fails ($image is the index), on this map it
 * works as its author meant. A deliberate difference, documented in docs/images.md.
 */
public record Updated(Map<String, FileResult> files, Map<ObjectId, List<ImageRef>> objects,
        Map<ImageRef, List<ObjectId>> images) {

    /** The objects of one file and the images set in each. */
    public record FileResult(Map<ObjectId, List<ImageRef>> objects) {
    }

    /**
     * An image set by a setter, read as Flux's ImageRef: {@code .Name} (without tag), {@code .Registry},
     * {@code .Repository} (the name without the registry host), {@code .Tag}, {@code .Identifier} (the tag,
     * or the digest when there is one), {@code .Policy} (namespace:name); printed as {@code name:tag}.
     */
    public record ImageRef(String image, String tag, String digest, String policy) implements Stringer,
            Comparable<ImageRef> {

        public String Name() {
            return image;
        }

        public String Registry() {
            return ImageName.parse(image).host();
        }

        public String Repository() {
            return ImageName.parse(image).repository();
        }

        public String Tag() {
            return tag;
        }

        public String Identifier() {
            return digest == null ? tag : digest;
        }

        public String Policy() {
            return policy;
        }

        @Override
        public String asString() {
            return image + ":" + tag;
        }

        /** Go sorts map keys: images by their printed reference. */
        @Override
        public int compareTo(ImageRef other) {
            return asString().compareTo(other.asString());
        }
    }

    /**
     * The Updated of {@code changes}, each mapped to the image its policy chose ({@code latest}); maps
     * keep insertion order here, templates range over them in Go's sorted order.
     */
    static Updated of(List<SetterChange> changes, Map<String, LatestImage> latest) {
        Map<String, FileResult> files = new TreeMap<>();
        Map<ObjectId, List<ImageRef>> objects = new LinkedHashMap<>();
        Map<ImageRef, List<ObjectId>> images = new LinkedHashMap<>();
        for (SetterChange change : changes) {
            String policy = policyOf(change.setter());
            LatestImage chosen = latest.get(policy);
            if (chosen == null) {
                continue;
            }
            ImageRef image = new ImageRef(chosen.name(), chosen.tag(), chosen.digest(), policy);
            addOnce(files.computeIfAbsent(change.file(), file -> new FileResult(new LinkedHashMap<>()))
                    .objects().computeIfAbsent(change.object(), object -> new ArrayList<>()), image);
            addOnce(objects.computeIfAbsent(change.object(), object -> new ArrayList<>()), image);
            addOnce(images.computeIfAbsent(image, key -> new ArrayList<>()), change.object());
        }
        return new Updated(files, objects, images);
    }

    /** "namespace:name" of a setter written "namespace:name" or "namespace:name:suffix". */
    private static String policyOf(String setter) {
        String[] parts = setter.split(":");
        return parts.length < 2 ? setter : parts[0] + ":" + parts[1];
    }

    private static <T> void addOnce(List<T> list, T item) {
        if (!list.contains(item)) {
            list.add(item);
        }
    }
}
