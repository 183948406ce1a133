package io.sluice.api.image;

import io.sluice.api.ApiGroups;
import io.sluice.api.Kind;
import io.sluice.api.Metadata;
import io.sluice.api.Resource;
import io.sluice.api.meta.GoRegex;
import io.sluice.api.meta.LocalReference;
import io.sluice.api.read.Node;
import java.time.Duration;
import java.util.List;

/**
 * A Flux ImageRepository (image.toolkit.fluxcd.io v1; v1beta2 read the same way): an image
 * repository whose tags are scanned at an interval, for ImagePolicies to choose from.
 */
public record ImageRepository(Metadata metadata, Spec spec) implements Resource {
    public static final Kind<ImageRepository> KIND = Kind.configuration(ApiGroups.IMAGE, "ImageRepository",
            List.of("v1", "v1beta2"), (metadata, spec) -> new ImageRepository(metadata, Spec.read(spec)));
    /** Flux's exclusionList when none is written: signature tags (GetExclusionList). */
    public static final List<String> DEFAULT_EXCLUSIONS = List.of("^.*\\.sig$");
    /** Flux's floor for the timeout (GetTimeout). */
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    /** Flux's limit on exclusionList (kubebuilder MaxItems). */
    private static final int MAX_EXCLUSIONS = 25;
    private static final String GENERIC = "generic";
    /** What image-service does instead of a cloud provider's or a service account's login. */
    private static final String SECRET_REF_ONLY = "image-service logs in with spec.secretRef only";

    /**
     * @param image the image as written, trimmed (required)
     * @param name the repository scanned: registry host and path, Docker Hub's made explicit
     * @param interval how often tags are scanned (required)
     * @param timeout how long a scan may take; the interval when not written, and at least 1 s (Flux's GetTimeout)
     * @param exclusionList tags matching any of these are not counted; {@link #DEFAULT_EXCLUSIONS} when not
     *         written (Flux's GetExclusionList)
     * @param insecure whether the registry is reached over plain HTTP
     * @param secretRef the docker-registry Secret with the registry's credentials; null: anonymous
     * @param certSecretRef the Secret with the registry's CA ({@code ca.crt}) and a client certificate
     *         ({@code tls.crt}, {@code tls.key}); null: the system's CAs, no client certificate
     */
    public record Spec(String image, ImageName name, Duration interval, Duration timeout, List<GoRegex> exclusionList,
            boolean insecure, boolean suspend, LocalReference secretRef, LocalReference certSecretRef) {

        static Spec read(Node spec) {
            Node imageField = spec.get("image");
            String image = imageField.requiredString();
            ImageName name = null;
            if (image != null) {
                image = image.strip();
                String problem = ImageName.problem(image);
                if (problem == null) {
                    name = ImageName.parse(image);
                } else {
                    imageField.error(problem);
                }
            }
            Duration interval = spec.get("interval").requiredDuration();
            Duration timeout = spec.get("timeout").duration(interval);
            if (timeout != null && timeout.compareTo(MIN_TIMEOUT) < 0) {
                timeout = MIN_TIMEOUT;
            }
            readProvider(spec.get("provider"));
            spec.unsupported(SECRET_REF_ONLY, "serviceAccountName")
                    .unsupported("image-service connects to the registry directly", "proxySecretRef")
                    .unsupported("no stage acts on ImagePolicies yet", "accessFrom");
            return new Spec(image, name, interval, timeout, readExclusions(spec.get("exclusionList")),
                    spec.get("insecure").bool(), spec.get("suspend").bool(),
                    spec.get("secretRef").object(LocalReference::read),
                    spec.get("certSecretRef").object(LocalReference::read));
        }

        /** Cloud providers' registry login is not done by image-service: it uses spec.secretRef or none. */
        private static void readProvider(Node provider) {
            String name = provider.oneOf(GENERIC, GENERIC, "aws", "azure", "gcp");
            if (!GENERIC.equals(name)) {
                provider.warn("'" + name + "' is not supported by Sluice yet, ignored: " + SECRET_REF_ONLY);
            }
        }

        private static List<GoRegex> readExclusions(Node exclusionList) {
            int written = exclusionList.raw() instanceof List<?> items ? items.size() : 0;
            if (!exclusionList.present() || written == 0 && exclusionList.isList()) {
                return DEFAULT_EXCLUSIONS.stream().map(GoRegex::parse).toList();
            }
            if (written > MAX_EXCLUSIONS) {
                exclusionList.error("must have at most " + MAX_EXCLUSIONS + " entries, not " + written);
            }
            return exclusionList.list(Spec::readExclusion);
        }

        private static GoRegex readExclusion(Node exclusion) {
            if (exclusion.raw() instanceof String text && text.isBlank()) {
                exclusion.error("must not be empty (an empty expression matches every tag)");
                return null;
            }
            return GoRegex.read(exclusion, null);
        }
    }
}
