package io.sluice.image.policy;

import io.sluice.api.image.ImagePolicy.TagFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The tags a policy ranks, as Flux's RegexFilter gives them: with no filter every tag as it is; with one,
 * each tag the pattern finds a match in (anywhere in it, as Go's FindStringSubmatchIndex does), ranked by
 * its extract template's value when there is one. Two tags with the same value are one candidate, the later
 * tag's (Flux keeps them in a map, the later overwriting the earlier).
 */
final class KeptTags {
    /** Each value ranked, to the tag it came from, in the order the tags were listed. */
    private final Map<String, String> tagOfValue;
    private final String described;

    private KeptTags(Map<String, String> tagOfValue, String described) {
        this.tagOfValue = tagOfValue;
        this.described = described;
    }

    static KeptTags of(TagFilter filter, List<String> tags) {
        Map<String, String> tagOfValue = new LinkedHashMap<>();
        if (filter == null) {
            tags.forEach(tag -> tagOfValue.put(tag, tag));
            return new KeptTags(tagOfValue, count(tags.size()));
        }
        boolean extracts = filter.extract() != null && !filter.extract().isEmpty();
        for (String tag : tags) {
            Matcher match = filter.pattern().pattern().matcher(tag);
            if (match.find()) {
                tagOfValue.put(extracts ? filter.pattern().expand(filter.extract(), match) : tag, tag);
            }
        }
        return new KeptTags(tagOfValue, count(tagOfValue.size()) + " spec.filterTags keeps");
    }

    static String count(int tags) {
        return tags == 1 ? "1 tag" : tags + " tags";
    }

    /** The values to rank, in the order their tags were listed. */
    List<String> values() {
        return List.copyOf(tagOfValue.keySet());
    }

    /** The tag {@code value} came from. */
    String tagOf(String value) {
        return tagOfValue.get(value);
    }

    /** "tag 'v1.2'", or "tag 'v1.2' (ranked as '1.2')" when the value is extracted from it. */
    String describe(String value) {
        String tag = tagOf(value);
        return "tag '" + tag + "'" + (tag.equals(value) ? "" : " (ranked as '" + value + "')");
    }

    /** The candidates for messages: "3 tags" or "2 tags spec.filterTags keeps". */
    @Override
    public String toString() {
        return described;
    }
}
