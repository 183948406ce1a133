package io.sluice.render;

import io.sluice.events.RenderedBundle;
import java.util.List;
import java.util.Map;

/** Small manifests for test repositories, and what a user checks in a bundle. */
final class Manifests {

    static String configMap(String name) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  key: value
                """.formatted(name);
    }

    static String deployment(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      containers:
                      - name: main
                        image: nginx:1.27
                """.formatted(name);
    }

    /** "Kind/name" of each object, in bundle order. */
    static List<String> names(RenderedBundle bundle) {
        return bundle.objects().stream()
                .map(o -> o.get("kind") + "/" + ((Map<?, ?>) o.get("metadata")).get("name")).toList();
    }

    private Manifests() {
    }
}
