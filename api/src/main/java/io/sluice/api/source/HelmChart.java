package io.sluice.api.source;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flux HelmChart (source.toolkit.fluxcd.io v1; v1beta2 read the same way): one chart of a
 * HelmRepository, GitRepository or Bucket, fetched as an artifact. Sluice derives one for each
 * HelmRelease itself (see {@code HelmRelease.chartSource()}, which names it with this kind);
 * HelmCharts users write are read and checked but not fetched yet.
 */
public record HelmChart(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<HelmChart> KIND = Kind.configuration(ApiGroups.SOURCE, "HelmChart",
            List.of("v1", "v1beta2"), (metadata, spec) -> new HelmChart(metadata, Spec.read(metadata, spec)))
            .notActedOnYet("Sluice will fetch their chart as it fetches the chart of a HelmRelease's spec.chart");
    /** reconcileStrategy: a new artifact for each new chart version (Flux's default). */
    public static final String CHART_VERSION = "ChartVersion";
    /** reconcileStrategy: a new artifact for each new revision of a GitRepository or Bucket. */
    public static final String REVISION = "Revision";
    /** The kinds a HelmChart's sourceRef may name. */
    static final List<String> SOURCE_KINDS = List.of("HelmRepository", "GitRepository", "Bucket");

    /**
     * @param chart the chart's name in a HelmRepository, or its path in a GitRepository or Bucket
     * @param version the versions the newest is chosen from; any ("*", Flux's default) when not written
     * @param sourceRef the source, in the HelmChart's namespace (a local reference)
     * @param interval how often the source is checked for a new chart (required)
     * @param reconcileStrategy {@value #CHART_VERSION} (the default) or {@value #REVISION}
     * @param valuesFiles files of the source that replace the chart's values.yaml, merged in order;
     *         v1beta2's {@code valuesFile} first
     * @param verify how the chart's signature is checked; null: it is not
     */
    public record Spec(String chart, ChartVersionRange version, SourceReference sourceRef, Duration interval,
            String reconcileStrategy, List<String> valuesFiles, boolean ignoreMissingValuesFiles, boolean suspend,
            Verification verify) {

        static Spec read(Metadata metadata, Node spec) {
            String chart = spec.get("chart").requiredString();
            ChartVersionRange version = readVersion(spec.get("version"));
            SourceReference sourceRef = readSourceRef(spec.get("sourceRef"), metadata.namespace());
            Duration interval = spec.get("interval").requiredDuration();
            String strategy = readReconcileStrategy(spec.get("reconcileStrategy"));
            List<String> valuesFiles = new ArrayList<>();
            String valuesFile = spec.get("valuesFile").string();
            if (valuesFile != null) {
                valuesFiles.add(valuesFile);
            }
            valuesFiles.addAll(spec.get("valuesFiles").strings());
            Node verifyField = spec.get("verify");
            Verification verify = verifyField.object(Verification::read);
            if (verify != null && sourceRef != null && sourceRef.kind() != null
                    && !"HelmRepository".equals(sourceRef.kind())) {
                verifyField.error("is only supported when spec.sourceRef.kind is HelmRepository");
            }
            spec.unsupported(null, "accessFrom");
            return new Spec(chart, version, sourceRef, interval, strategy, List.copyOf(valuesFiles),
                    spec.get("ignoreMissingValuesFiles").bool(), spec.get("suspend").bool(), verify);
        }

        /** LocalHelmChartSourceReference: kind and name; the HelmChart's own namespace. */
        private static SourceReference readSourceRef(Node sourceRef, String namespace) {
            if (!sourceRef.present()) {
                sourceRef.error("is required");
                return null;
            }
            return sourceRef.object(ref -> {
                ref.accepted("apiVersion");
                return new SourceReference(ref.get("kind").requiredOneOf(SOURCE_KINDS.toArray(String[]::new)),
                        ref.get("name").requiredString(), namespace);
            });
        }
    }

    /**
     * How a chart's signature is verified (OCI HelmRepositories only).
     *
     * @param provider {@code cosign} (Flux's default) or {@code notation}
     * @param secretRef the Secret holding the trusted public keys; null: keyless (cosign)
     * @param matchOIDCIdentity the identities a keyless signature may come from
     */
    public record Verification(String provider, String secretRef, List<OidcIdentity> matchOIDCIdentity) {

        static Verification read(Node verify) {
            return new Verification(verify.get("provider").oneOf("cosign", "cosign", "notation"),
                    LocalReference.name(verify.get("secretRef")), verify.get("matchOIDCIdentity").list(
                            identity -> new OidcIdentity(identity.get("issuer").requiredString(),
                                    identity.get("subject").requiredString())));
        }
    }

    /** Regular expressions the issuer and subject of a keyless signature's certificate must match. */
    public record OidcIdentity(String issuer, String subject) {
    }

    /**
     * A chart version constraint ({@code spec.version} of a HelmChart or of a HelmRelease's chart
     * template); any version when not written; null when it is not a constraint (an error).
     */
    public static ChartVersionRange readVersion(Node version) {
        try {
            return ChartVersionRange.parse(version.string());
        } catch (IllegalArgumentException e) {
            version.error(e.getMessage());
            return null;
        }
    }

    /** {@code reconcileStrategy}: {@value #CHART_VERSION} when not written. */
    public static String readReconcileStrategy(Node strategy) {
        return strategy.oneOf(CHART_VERSION, CHART_VERSION, REVISION);
    }
}
