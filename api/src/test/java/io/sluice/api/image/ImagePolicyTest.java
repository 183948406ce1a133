package io.sluice.api.image;

import static io.sluice.api.image.ImageRepositoryTest.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Documents;
import io.sluice.api.image.ImagePolicy.DigestReflectionPolicy;
import io.sluice.api.image.ImagePolicy.Order;
import io.sluice.api.image.ImagePolicy.Policy;
import io.sluice.api.meta.GoRegex;
import io.sluice.api.meta.NamespacedReference;
import io.sluice.api.read.ReadResult;
import io.sluice.api.semver.VersionConstraint;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class ImagePolicyTest {
    @Test
    void readsTheGuidesImagePolicyVerbatim() {
        ReadResult<ImagePolicy> read = Documents.ofKind(ImagePolicy.KIND, "seed/image-automation.yaml").get(0);
        assertEquals(List.of(), warnings(read));
        ImagePolicy.Spec spec = read.orElseThrow().spec();
        assertEquals(new NamespacedReference("web-app", "flux-system"), spec.imageRepositoryRef());
        assertEquals(new Policy.SemVer(VersionConstraint.parse(">=1.0.0 <2.0.0")), spec.policy());
        assertNull(spec.filterTags());
        assertEquals(DigestReflectionPolicy.Never, spec.digestReflectionPolicy());
        assertNull(spec.interval());
        assertFalse(spec.suspend());
    }

    @Test
    void readsFluxsOwnExamples() {
        ReadResult<ImagePolicy> podinfo = Documents.ofKind(ImagePolicy.KIND, "upstream/imagepolicy-podinfo.yaml")
                .get(0);
        assertEquals(List.of(), warnings(podinfo));
        assertEquals(new Policy.SemVer(VersionConstraint.parse("5.1.x")), podinfo.orElseThrow().spec().policy());
        assertEquals(DigestReflectionPolicy.IfNotPresent, podinfo.orElseThrow().spec().digestReflectionPolicy());

        ReadResult<ImagePolicy> minio = Documents.ofKind(ImagePolicy.KIND, "upstream/imagepolicy-minio.yaml").get(0);
        assertEquals(List.of(), warnings(minio));
        ImagePolicy.Spec spec = minio.orElseThrow().spec();
        assertEquals(new NamespacedReference("minio", "default"), spec.imageRepositoryRef());
        assertEquals(new Policy.Alphabetical(Order.ASC), spec.policy());
        assertEquals("$timestamp", spec.filterTags().extract());
        Matcher tag = spec.filterTags().pattern().pattern().matcher("RELEASE.2024-01-28T22-35-53Z");
        assertTrue(tag.matches());
        assertEquals("2024-01-28T22-35-53", tag.group(spec.filterTags().pattern().namedGroups().get("timestamp")));
    }

    @Test
    void defaults() {
        ImagePolicy.Spec alphabetical = read("""
                  policy: {alphabetical: {}}
                  filterTags: {extract: '$0'}
                """);
        assertEquals(new Policy.Alphabetical(Order.ASC), alphabetical.policy());
        assertEquals(GoRegex.parse(""), alphabetical.filterTags().pattern(), "any tag, when no pattern is written");
        ImagePolicy.Spec numerical = read("""
                  policy: {numerical: {order: desc}}
                  digestReflectionPolicy: Always
                  interval: 5m
                  suspend: true
                """);
        assertEquals(new Policy.Numerical(Order.DESC), numerical.policy());
        assertEquals(DigestReflectionPolicy.Always, numerical.digestReflectionPolicy());
        assertEquals(Duration.ofMinutes(5), numerical.interval());
        assertTrue(numerical.suspend());
    }

    @Test
    void wrongFieldsAreErrorsNamingTheFileLineAndFieldPath() {
        ReadResult<ImagePolicy> read = Documents.one(ImagePolicy.KIND, "images/policies.yaml", """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImagePolicy
                metadata: {name: app, namespace: flux-system}
                spec:
                  imageRepositoryRef: {namespace: apps}
                  policy:
                    semver:
                      range: 'newest please'
                  filterTags:
                    pattern: '^v(?P<version>.*'
                    extract: '$version'
                  digestReflectionPolicy: Sometimes
                  interval: 5m
                """);
        String where = "images/policies.yaml:1 (document 1): ImagePolicy flux-system/app: ";
        assertEquals(List.of(
                where + "spec.digestReflectionPolicy must be Never, IfNotPresent or Always, not 'Sometimes'",
                where + "spec.interval is only accepted when spec.digestReflectionPolicy is Always",
                where + "spec.imageRepositoryRef.name is required",
                where + "spec.policy.semver.range 'newest please' is not a version constraint (e.g. '1.2.x',"
                        + " '>=1.0.0 <2.0.0', '^1.2', '~1.2.3 || 2.x', '1.0 - 2.0')",
                where + "spec.filterTags.pattern must be a valid regular expression, not '^v(?P<version>.*' (unclosed"
                        + " group)"),
                read.errorMessages());
    }

    @Test
    void policiesAreExactlyOneAndExtractNamesGroupsOfThePattern() {
        assertEquals(List.of(
                "spec.interval is required when spec.digestReflectionPolicy is Always",
                "spec.policy must have only one of semver, alphabetical or numerical, not alphabetical and numerical",
                "spec.filterTags.extract refers to group '3', which spec.filterTags.pattern does not have",
                "spec.filterTags.extract refers to group 'name', which spec.filterTags.pattern does not have"),
                errors("""
                          policy:
                            alphabetical: {order: asc}
                            numerical: {}
                          filterTags:
                            pattern: '^(\\d+)-(?P<build>\\d+)$'
                            extract: '$3-$build-$name'
                          digestReflectionPolicy: Always
                        """));
        assertEquals(List.of("spec.policy must have one of semver, alphabetical or numerical"),
                errors("  policy: {}\n"));
        assertEquals(List.of("spec.policy.alphabetical.order must be asc or desc, not 'ASC'"),
                errors("  policy: {alphabetical: {order: ASC}}\n"));
        assertEquals(List.of("spec.policy.semver.range is required"), errors("  policy: {semver: {}}\n"));
        assertEquals(List.of("spec.imageRepositoryRef is required", "spec.policy is required"),
                Documents.one(ImagePolicy.KIND, "p.yaml", """
                        apiVersion: image.toolkit.fluxcd.io/v1beta2
                        kind: ImagePolicy
                        metadata: {name: app}
                        spec: {suspend: false}
                        """).errors().stream().map(Object::toString).toList());
    }

    @Test
    void unknownFieldsAreWarnings() {
        ReadResult<ImagePolicy> read = Documents.one(ImagePolicy.KIND, "p.yaml", document("""
                  policy: {semver: {range: 1.x, order: asc}}
                  filterTag: {pattern: '.*'}
                """));
        assertTrue(read.valid());
        assertEquals(List.of("spec.filterTag is not a field Sluice knows, ignored",
                "spec.policy.semver.order is not a field Sluice knows, ignored"), warnings(read));
    }

    private static ImagePolicy.Spec read(String fields) {
        return Documents.valid(ImagePolicy.KIND, document(fields)).spec();
    }

    private static List<String> errors(String fields) {
        return Documents.one(ImagePolicy.KIND, "p.yaml", document(fields)).errors().stream().map(Object::toString)
                .toList();
    }

    private static String document(String fields) {
        return """
                apiVersion: image.toolkit.fluxcd.io/v1
                kind: ImagePolicy
                metadata: {name: app, namespace: flux-system}
                spec:
                  imageRepositoryRef: {name: app}
                """ + fields;
    }
}
