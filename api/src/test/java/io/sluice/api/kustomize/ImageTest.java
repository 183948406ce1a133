package io.sluice.api.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImageTest {

    @Test
    void argoCdsStringFormIsReadAsKustomizeEditSetImageReadsIt() {
        assertEquals(new Image("myregistry/web-app", null, "1.0.0", null), Image.parse("myregistry/web-app:1.0.0"));
        assertEquals(new Image("nginx", "registry.example:5000/nginx", "1.27", null),
                Image.parse("nginx=registry.example:5000/nginx:1.27"));
        assertEquals(new Image("registry.example:5000/web", null, null, "sha256:abc"),
                Image.parse("registry.example:5000/web@sha256:abc"));
    }
}
