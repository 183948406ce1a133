package io.sluice.render;

import io.sluice.events.RenderedBundle;
import io.sluice.events.seal.BundleKeys;
import io.sluice.events.seal.SecretSeal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

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

    /** The bundle with its Secrets opened by the test profile's key, as apply-service reads it. */
    static RenderedBundle opened(RenderedBundle bundle) {
        BundleKeys keys = BundleKeys.fromConfig(ConfigProvider.getConfig().getOptionalValue("sluice.bundle.key",
                String.class), Optional.empty(), Optional.empty());
        return bundle.withObjects(new SecretSeal(keys).open(bundle.appId(), bundle.objects()));
    }

    /** "Kind/name" of each object, in bundle order. */
    static List<String> names(RenderedBundle bundle) {
        return bundle.objects().stream()
                .map(o -> o.get("kind") + "/" + metadata(o).get("name")).toList();
    }

    /** The only object of {@code kind} named {@code name} in the bundle. */
    static Map<String, Object> object(RenderedBundle bundle, String kind, String name) {
        List<Map<String, Object>> found = bundle.objects().stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(metadata(o).get("name"))).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " objects " + kind + "/" + name + " in " + names(bundle));
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> object) {
        return (Map<String, Object>) object.get("metadata");
    }

    /** The images of a Deployment's containers, in order. */
    static List<String> images(Map<String, Object> deployment) {
        Map<?, ?> template = (Map<?, ?>) ((Map<?, ?>) deployment.get("spec")).get("template");
        List<?> containers = (List<?>) ((Map<?, ?>) template.get("spec")).get("containers");
        return containers.stream().map(c -> (String) ((Map<?, ?>) c).get("image")).toList();
    }

    private Manifests() {
    }
}
