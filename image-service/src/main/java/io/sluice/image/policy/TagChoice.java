package io.sluice.image.policy;

/**
 * What an ImagePolicy chose among an ImageRepository's tags: the tag (as the registry lists it, also when
 * the policy ranked a value extracted from it), or, when there is none, why not.
 *
 * @param tag the chosen tag; null when none was
 * @param reason why no tag was chosen, for the policy's status (e.g. "none of the 3 tags is a version in
 *         semver range '1.2.x' (the newest version among them is tag '1.3.0')"); null when one was
 */
public record TagChoice(String tag, String reason) {

    static TagChoice of(String tag) {
        return new TagChoice(tag, null);
    }

    static TagChoice none(String reason) {
        return new TagChoice(null, reason);
    }

    /** Whether a tag was chosen. */
    public boolean chosen() {
        return tag != null;
    }
}
