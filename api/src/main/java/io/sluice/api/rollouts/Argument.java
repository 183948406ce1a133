package io.sluice.api.rollouts;

import io.sluice.api.meta.SecretKeyReference;
import io.sluice.api.read.Node;
import java.util.List;

/**
 * An analysis argument: its name and its value, written ({@code value}) or taken when the AnalysisRun
 * is created ({@code valueFrom}); both null in an AnalysisTemplate: the Rollout must give it.
 */
public record Argument(String name, String value, ValueFrom valueFrom) {

    /**
     * Where a value is taken from: the pod template hash of the Rollout's {@code Stable} or {@code Latest}
     * ReplicaSet, a field of the Rollout by path ({@code metadata.labels['env']}), or a key of a Secret
     * (AnalysisTemplates only); exactly one is set.
     */
    public record ValueFrom(String podTemplateHashValue, String fieldPath, SecretKeyReference secretKeyRef) {
    }

    /** A Rollout's argument (Argo's AnalysisRunArgument): valueFrom podTemplateHashValue or fieldRef. */
    static Argument readRolloutArgument(Node argument) {
        return read(argument, List.of("podTemplateHashValue", "fieldRef"));
    }

    /** An AnalysisTemplate's argument: valueFrom secretKeyRef or fieldRef. */
    static Argument readTemplateArgument(Node argument) {
        return read(argument, List.of("secretKeyRef", "fieldRef"));
    }

    private static Argument read(Node argument, List<String> sources) {
        String name = argument.get("name").requiredString();
        Node valueField = argument.get("value");
        Node valueFromField = argument.get("valueFrom");
        if (valueField.present() && valueFromField.present()) {
            argument.error("must have only one of value or valueFrom");
        }
        return new Argument(name, valueField.scalar(), valueFromField.object(from -> readValueFrom(from, sources)));
    }

    private static ValueFrom readValueFrom(Node valueFrom, List<String> sources) {
        List<String> written = sources.stream().filter(source -> valueFrom.get(source).present()).toList();
        if (written.size() != 1) {
            valueFrom.error("must have " + (written.isEmpty() ? "one" : "only one") + " of " + String.join(" or ",
                    sources) + (written.isEmpty() ? "" : ", not " + String.join(" and ", written)));
            return null;
        }
        Node source = valueFrom.get(written.get(0));
        return switch (written.get(0)) {
            case "podTemplateHashValue" -> new ValueFrom(source.requiredOneOf("Stable", "Latest"), null, null);
            case "fieldRef" -> source.object(ref -> new ValueFrom(null, ref.get("fieldPath").requiredString(), null));
            default -> source.object(ref -> new ValueFrom(null, null, new SecretKeyReference(
                    ref.get("name").requiredString(), ref.get("key").requiredString())));
        };
    }
}
