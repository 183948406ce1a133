package io.sluice.api.helm;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.ObjectRef;
import io.sluice.api.Resource;
import io.sluice.api.kustomize.Image;
import io.sluice.api.kustomize.Patch;
import io.sluice.api.meta.DataReference;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.meta.SecretKeyReference;
import io.sluice.api.read.Node;
import io.sluice.api.source.ChartVersionRange;
import io.sluice.api.source.HelmChart;
import io.sluice.api.source.SourceReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Flux HelmRelease (helm.toolkit.fluxcd.io v2; v2beta2 and v2beta1 read the same way): render a
 * chart with values, post-render it with kustomize, apply the result to the release namespace and
 * keep it there. The chart comes from the HelmChart Sluice derives from {@code spec.chart}, named
 * by {@link #chartSource()}.
 */
public record HelmRelease(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<HelmRelease> KIND = Kind.configuration(ApiGroups.HELM, "HelmRelease",
            List.of("v2", "v2beta2", "v2beta1"),
            (metadata, spec) -> new HelmRelease(metadata, Spec.read(metadata, spec)));
    /** Flux's default {@code spec.timeout} (GetTimeout). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** Helm's limit on the length of release names. */
    static final int MAX_RELEASE_NAME = 53;
    /** The hex digits of the name's SHA-256 a shortened release name ends with (see {@link #shortened}). */
    private static final int SHORT_HASH = 12;
    /** Helm's rule for release names (as for DNS-1123 subdomains). */
    private static final Pattern RELEASE_NAME = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** The source kinds Sluice fetches a HelmRelease's chart from. */
    static final List<String> CHART_SOURCE_KINDS = List.of("HelmRepository");
    /** The other source kinds Flux allows in {@code spec.chart.spec.sourceRef}. */
    static final List<String> UPSTREAM_CHART_SOURCE_KINDS = List.of("GitRepository", "Bucket");

    /**
     * The HelmChart whose artifact is this release's chart, as Flux names it (GetHelmChartName):
     * {@code <release namespace>-<release name>}, here in the release's namespace. Its id keys the
     * chart's artifacts on sluice.source.artifacts.
     */
    public ObjectRef chartSource() {
        return HelmChart.KIND.ref(metadata.namespace(), metadata.namespace() + "-" + metadata.name());
    }

    /** Where the release's objects go: spec.targetNamespace, else the HelmRelease's own namespace (GetReleaseNamespace). */
    public String releaseNamespace() {
        return spec.targetNamespace() == null ? metadata.namespace() : spec.targetNamespace();
    }

    /**
     * Flux's rule for release names longer than Helm allows (ShortenName): the first 40 characters,
     * '-', and the first 12 hex digits of the name's SHA-256, 53 characters in all.
     */
    static String shortened(String name) {
        if (name.length() <= MAX_RELEASE_NAME) {
            return name;
        }
        try {
            String hash = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
            return name.substring(0, MAX_RELEASE_NAME - SHORT_HASH - 1) + "-" + hash.substring(0, SHORT_HASH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * @param chart {@code spec.chart.spec}: the chart and where it comes from
     * @param interval how often the release is reconciled (required)
     * @param timeout how long applying may take, the wait for healthy objects included; 5m when not
     *         written (Flux's GetTimeout)
     * @param releaseName the Helm release name; when not written {@code [targetNamespace-]name} (Flux's
     *         GetReleaseName), shortened past 53 characters as Flux does ({@link #shortened})
     * @param targetNamespace {@code spec.targetNamespace}; null when not written: the HelmRelease's own
     *         namespace then ({@link HelmRelease#releaseNamespace()}), which messages name as metadata.namespace
     * @param values {@code spec.values} as written, not checked (the chart's values); empty when not written
     * @param valuesFrom ConfigMaps and Secrets whose values are merged in order, {@code values} over them
     * @param postRenderers kustomize patches and images applied to the rendered objects, in order
     * @param driftDetection what is done about changes made in the cluster; disabled when not written
     * @param dependsOn HelmReleases that must be ready first (their namespace is this one's when not written)
     * @param kubeConfig the Secret whose kubeconfig names the cluster to apply to; null: the cluster Sluice runs in
     */
    public record Spec(Chart chart, Duration interval, Duration timeout, boolean suspend, String releaseName,
            String targetNamespace, Map<String, Object> values, List<DataReference> valuesFrom,
            List<PostRenderer> postRenderers, Install install, Upgrade upgrade, DriftDetectionMode driftDetection,
            List<NamespacedReference> dependsOn, SecretKeyReference kubeConfig) {

        /**
         * Whether the chart's CRDs are left out: the install policy decides, since a render is always a
         * whole desired state (the upgrade policy only tells Helm whether to touch CRDs it installed before).
         */
        public boolean skipCrds() {
            return install.crds() == CrdPolicy.SKIP;
        }

        /**
         * Whether the objects must become healthy within the timeout, as Helm's install and upgrade wait
         * unless told not to: Sluice does not tell an install from an upgrade, so either's disableWait counts.
         */
        public boolean waitForObjects() {
            return !install.disableWait() && !upgrade.disableWait();
        }

        static Spec read(Metadata metadata, Node spec) {
            Duration interval = spec.get("interval").requiredDuration();
            Chart chart = readChart(spec, metadata.namespace(), interval);
            String targetNamespace = spec.get("targetNamespace").string();
            String releaseName = readReleaseName(spec.get("releaseName"), targetNamespace, metadata.name());
            Duration timeout = spec.get("timeout").duration(DEFAULT_TIMEOUT);
            HelmActions.test(spec.get("test"));
            HelmActions.rollback(spec.get("rollback"));
            HelmActions.uninstall(spec.get("uninstall"));
            spec.unsupported("Sluice applies with its own identity", "serviceAccountName")
                    .unsupported("Sluice keeps no Helm release history: it applies the rendered objects itself",
                            "storageNamespace", "maxHistory")
                    .unsupported(null, "commonMetadata", "postRenderStrategy", "waitStrategy", "healthCheckExprs")
                    // How helm-controller holds its Kubernetes client: nothing to do with what is applied.
                    .accepted("persistentClient");
            return new Spec(chart, interval, timeout, spec.get("suspend").bool(), releaseName, targetNamespace,
                    spec.get("values").freeform(), spec.get("valuesFrom").list(DataReference::readValues),
                    spec.get("postRenderers").list(PostRenderer::read), Install.read(spec.get("install")),
                    Upgrade.read(spec.get("upgrade")), DriftDetectionMode.read(spec.get("driftDetection")),
                    spec.get("dependsOn").list(item -> readDependency(item, metadata.namespace())),
                    SecretKeyReference.readKubeConfig(spec.get("kubeConfig")));
        }

        /** spec.chart, required: spec.chartRef (a HelmChart or OCIRepository of its own) is not read yet. */
        private static Chart readChart(Node spec, String namespace, Duration interval) {
            Node chartRef = spec.get("chartRef");
            if (chartRef.present()) {
                chartRef.error("is not supported by Sluice yet: name the chart in spec.chart.spec, with a"
                        + " HelmRepository sourceRef");
            }
            Node chart = spec.get("chart");
            if (!chart.present() && !chartRef.present()) {
                chart.error("is required");
            }
            return chart.object(template -> Chart.read(template, namespace, interval));
        }

        private static String readReleaseName(Node field, String targetNamespace, String name) {
            String written = field.string();
            if (written != null) {
                if (written.length() > MAX_RELEASE_NAME || !RELEASE_NAME.matcher(written).matches()) {
                    field.error("must be at most " + MAX_RELEASE_NAME + " lowercase letters, digits, '-' and '.',"
                            + " starting and ending with a letter or digit (Helm's rule for release names), not '"
                            + written + "'");
                }
                return written;
            }
            return name == null ? null : shortened(targetNamespace == null ? name : targetNamespace + "-" + name);
        }

        /** A dependsOn entry; a readiness expression (readyExpr) is not evaluated yet: Ready counts. */
        private static NamespacedReference readDependency(Node item, String namespace) {
            item.unsupported("the dependency must be Ready", "readyExpr");
            return NamespacedReference.read(item, namespace);
        }
    }

    /**
     * {@code spec.chart.spec}: the chart Sluice fetches for the release, into the HelmChart
     * {@link HelmRelease#chartSource()} names.
     *
     * @param chart the chart's name in the HelmRepository (required)
     * @param version the versions the newest is chosen from; any ("*", Flux's default) when not written
     * @param sourceRef the HelmRepository; in the release's namespace when not written
     * @param interval how often the repository is checked for a new version; the release's interval when
     *         not written (Flux's GetInterval)
     * @param reconcileStrategy {@link HelmChart#CHART_VERSION} (the default) or {@link HelmChart#REVISION}
     */
    public record Chart(String chart, ChartVersionRange version, SourceReference sourceRef, Duration interval,
            String reconcileStrategy) {

        static Chart read(Node template, String namespace, Duration releaseInterval) {
            template.unsupported("Sluice makes no HelmChart object to label", "metadata");
            Node spec = template.get("spec");
            if (!spec.present()) {
                spec.error("is required");
            }
            return spec.object(fields -> readSpec(fields, namespace, releaseInterval));
        }

        private static Chart readSpec(Node spec, String namespace, Duration releaseInterval) {
            String chart = spec.get("chart").requiredString();
            ChartVersionRange version = HelmChart.readVersion(spec.get("version"));
            Node sourceRefField = spec.get("sourceRef");
            if (!sourceRefField.present()) {
                sourceRefField.error("is required");
            }
            SourceReference sourceRef = sourceRefField.object(ref -> SourceReference.read(ref, namespace,
                    CHART_SOURCE_KINDS, UPSTREAM_CHART_SOURCE_KINDS));
            Duration interval = spec.get("interval").duration(releaseInterval);
            String strategy = HelmChart.readReconcileStrategy(spec.get("reconcileStrategy"));
            spec.unsupported("the chart's own values.yaml is used", "valuesFiles", "valuesFile",
                    "ignoreMissingValuesFiles")
                    .unsupported("Sluice does not verify chart signatures", "verify");
            return new Chart(chart, version, sourceRef, interval, strategy);
        }
    }

    /**
     * A kustomize post-renderer ({@code spec.postRenderers[].kustomize}): patches and image overrides
     * applied to the rendered objects.
     */
    public record PostRenderer(List<Patch> patches, List<Image> images) {

        static PostRenderer read(Node item) {
            Node kustomize = item.get("kustomize");
            kustomize.unsupported("use patches", "patchesStrategicMerge", "patchesJson6902");
            return new PostRenderer(kustomize.get("patches").list(Patch::read),
                    kustomize.get("images").list(Image::read));
        }
    }

    /**
     * What Sluice takes from {@code spec.install}; Helm's own options there are warned about.
     *
     * @param createNamespace whether the release namespace is created when missing
     * @param disableWait whether the objects need not become healthy (see {@link Spec#waitForObjects()})
     * @param crds what is done with the chart's CRDs; Create when not written (Flux's crdPolicyOrDefault),
     *         Skip with the deprecated {@code skipCRDs: true} and no {@code crds}
     */
    public record Install(boolean createNamespace, boolean disableWait, CrdPolicy crds) {

        static Install read(Node install) {
            boolean skipCrds = install.get("skipCRDs").bool();
            CrdPolicy crds = CrdPolicy.read(install.get("crds"), skipCrds ? CrdPolicy.SKIP : CrdPolicy.CREATE);
            HelmActions.remediation(install.get("remediation"), "retries", "ignoreTestFailures",
                    "remediateLastFailure");
            HelmActions.helmOnly(install, "replace");
            return new Install(install.get("createNamespace").bool(), install.get("disableWait").bool(), crds);
        }
    }

    /**
     * What Sluice takes from {@code spec.upgrade}; Helm's own options there are warned about.
     *
     * @param force whether objects whose immutable fields changed are recreated, as Helm's replacing upgrade does
     * @param disableWait whether the objects need not become healthy (see {@link Spec#waitForObjects()})
     * @param crds the CRD policy of upgrades; Create when not written (Flux's crdPolicyOrDefault)
     */
    public record Upgrade(boolean force, boolean disableWait, CrdPolicy crds) {

        static Upgrade read(Node upgrade) {
            HelmActions.remediation(upgrade.get("remediation"), "retries", "ignoreTestFailures",
                    "remediateLastFailure", "strategy");
            HelmActions.helmOnly(upgrade, "preserveValues", "cleanupOnFail", "chartNameChangeStrategy");
            return new Upgrade(upgrade.get("force").bool(), upgrade.get("disableWait").bool(),
                    CrdPolicy.read(upgrade.get("crds"), CrdPolicy.CREATE));
        }
    }
}
