package io.sluice.api.image;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.meta.GoRegex;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.read.Node;
import io.sluice.api.semver.VersionConstraint;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Flux ImagePolicy (image.toolkit.fluxcd.io v1; v1beta2 read the same way): how the newest tag of
 * an ImageRepository is chosen, by semver range or by alphabetical or numerical order, among the tags
 * a filter keeps.
 */
public record ImagePolicy(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<ImagePolicy> KIND = Kind.configuration(ApiGroups.IMAGE, "ImagePolicy",
            List.of("v1", "v1beta2"), (metadata, spec) -> new ImagePolicy(metadata, Spec.read(metadata, spec)));
    private static final List<String> POLICIES = List.of("semver", "alphabetical", "numerical");

    /** The ImageRepository this policy chooses from (spec.imageRepositoryRef), as sluice.config keys it. */
    public ObjectRef repository() {
        return ImageRepository.KIND.ref(spec.imageRepositoryRef().namespace(), spec.imageRepositoryRef().name());
    }

    /**
     * @param imageRepositoryRef the ImageRepository whose tags are chosen from; its namespace is the
     *         policy's own when not written
     * @param policy how the newest tag is chosen (required)
     * @param filterTags which tags count, and what of them is compared; null: every tag, as it is
     * @param digestReflectionPolicy when the chosen tag's digest is reported; Never when not written (Flux's
     *         GetDigestReflectionPolicy)
     * @param interval how often the chosen tag's digest is refreshed: set exactly when digestReflectionPolicy
     *         is Always (Flux's validation requires it then and refuses it otherwise); null otherwise
     */
    public record Spec(NamespacedReference imageRepositoryRef, Policy policy, TagFilter filterTags,
            DigestReflectionPolicy digestReflectionPolicy, Duration interval, boolean suspend) {

        static Spec read(Metadata metadata, Node spec) {
            Node ref = spec.get("imageRepositoryRef");
            if (!ref.present()) {
                ref.error("is required");
            }
            Node policy = spec.get("policy");
            if (!policy.present()) {
                policy.error("is required");
            }
            DigestReflectionPolicy reflection = DigestReflectionPolicy.valueOf(spec.get("digestReflectionPolicy")
                    .oneOf("Never", "Never", "IfNotPresent", "Always"));
            Node intervalField = spec.get("interval");
            Duration interval = intervalField.duration(null);
            if (reflection == DigestReflectionPolicy.Always && !intervalField.present()) {
                intervalField.error("is required when spec.digestReflectionPolicy is Always");
            } else if (reflection != DigestReflectionPolicy.Always && intervalField.present()) {
                intervalField.error("is only accepted when spec.digestReflectionPolicy is Always");
                interval = null;
            }
            return new Spec(ref.object(reference -> NamespacedReference.read(reference, metadata.namespace())),
                    policy.object(Policy::read), spec.get("filterTags").object(TagFilter::read), reflection,
                    interval, spec.get("suspend").bool());
        }
    }

    /** When the chosen tag's digest is looked up and reported, as Flux names the choices. */
    public enum DigestReflectionPolicy { Never, IfNotPresent, Always }

    /** The order tags are sorted in; the last one is chosen. */
    public enum Order { ASC, DESC }

    /** How the newest tag is chosen: exactly one of semver, alphabetical and numerical. */
    public sealed interface Policy {

        /** The highest semver tag within {@code range} (Masterminds constraints, as Helm's). */
        record SemVer(VersionConstraint range) implements Policy {

            static SemVer readRange(Node semver) {
                Node range = semver.get("range");
                String text = range.requiredString();
                if (text == null) {
                    return null;
                }
                try {
                    return new SemVer(VersionConstraint.parse(text));
                } catch (IllegalArgumentException e) {
                    range.error(e.getMessage());
                    return null;
                }
            }
        }

        /** The last tag sorted alphabetically in {@code order} (asc when not written). */
        record Alphabetical(Order order) implements Policy {
        }

        /** The last tag sorted numerically in {@code order} (asc when not written). */
        record Numerical(Order order) implements Policy {
        }

        static Policy read(Node policy) {
            Map<String, Node> choices = POLICIES.stream().collect(Collectors.toMap(Function.identity(), policy::get));
            List<String> written = POLICIES.stream().filter(name -> choices.get(name).present()).toList();
            if (written.isEmpty()) {
                policy.error("must have one of semver, alphabetical or numerical");
                return null;
            }
            if (written.size() > 1) {
                policy.error("must have only one of semver, alphabetical or numerical, not " + String.join(" and ",
                        written));
                return null;
            }
            Node choice = choices.get(written.get(0));
            return switch (written.get(0)) {
                case "semver" -> choice.object(SemVer::readRange);
                case "alphabetical" -> choice.object(alphabetical -> new Alphabetical(order(alphabetical)));
                default -> choice.object(numerical -> new Numerical(order(numerical)));
            };
        }

        private static Order order(Node policy) {
            return Order.valueOf(policy.get("order").oneOf("asc", "asc", "desc").toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Which tags count and what of them is compared: tags {@code pattern} matches (any, when not written),
     * each replaced by {@code extract} (Go's Regexp.Expand template: {@code $1}, {@code $name},
     * {@code ${name}}) when set; null: the tag as it is.
     */
    public record TagFilter(GoRegex pattern, String extract) {

        static TagFilter read(Node filter) {
            GoRegex pattern = GoRegex.read(filter.get("pattern"), "");
            Node extractField = filter.get("extract");
            String extract = extractField.string();
            if (pattern != null && extract != null) {
                for (String group : pattern.unknownGroups(extract)) {
                    extractField.error("refers to group '" + group + "', which spec.filterTags.pattern does not have");
                }
            }
            return new TagFilter(pattern, extract);
        }
    }
}
