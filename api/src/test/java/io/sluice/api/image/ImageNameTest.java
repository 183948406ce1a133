package io.sluice.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageNameTest {
    @Test
    void imagesAreSplitAsDockerDoes() {
        assertEquals(new ImageName("registry-1.docker.io", "library/nginx"), ImageName.parse("nginx"));
        assertEquals(new ImageName("registry-1.docker.io", "team/app"), ImageName.parse("team/app"));
        assertEquals(new ImageName("registry-1.docker.io", "team/app"), ImageName.parse("docker.io/team/app"));
        assertEquals(new ImageName("registry-1.docker.io", "library/nginx"), ImageName.parse("index.docker.io/nginx"));
        assertTrue(ImageName.parse("docker.io/nginx").isDockerHub());
        assertFalse(ImageName.parse("ghcr.io/nginx").isDockerHub());
        assertEquals(new ImageName("ghcr.io", "fluxcd/flux-cli"), ImageName.parse("ghcr.io/fluxcd/flux-cli"));
        assertEquals(new ImageName("localhost", "app"), ImageName.parse("localhost/app"));
        assertEquals(new ImageName("127.0.0.1:5000", "a/b/c"), ImageName.parse("127.0.0.1:5000/a/b/c"));
        assertEquals("http://127.0.0.1:5000/v2/a/b/c/tags/list", ImageName.parse("127.0.0.1:5000/a/b/c").tagsUrl(true));
        assertEquals("https://ghcr.io/v2/team/app/tags/list", ImageName.parse("ghcr.io/team/app").tagsUrl(false));
        assertEquals("https://ghcr.io/v2/team/app/manifests/1.0", ImageName.parse("ghcr.io/team/app")
                .manifestUrl(false, "1.0"));
    }

    @Test
    void aTagOrDigestIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImageName.parse("nginx:1.27"));
        assertThrows(IllegalArgumentException.class, () -> ImageName.parse("ghcr.io/a/b@sha256:00"));
        assertThrows(IllegalArgumentException.class, () -> ImageName.parse(""));
    }

    @Test
    void whatFluxRefusesIsSaidAfterTheFieldName() {
        assertEquals("spec.image ghcr.io/team/app:1.0 names a tag or digest: give the repository only",
                assertThrows(IllegalArgumentException.class, () -> ImageName.parse("ghcr.io/team/app:1.0"))
                        .getMessage());
        assertEquals("https://ghcr.io/team/app names a URL scheme: remove 'https://'",
                ImageName.problem("https://ghcr.io/team/app"));
        assertEquals("ghcr.io/Team/App has characters an image repository cannot have (lowercase letters, digits,"
                + " '.', '_', '-' and '/')", ImageName.problem("ghcr.io/Team/App"));
        assertEquals("is required", ImageName.problem(" "));
        assertEquals(null, ImageName.problem("localhost:5000/team/app"));
    }
}
