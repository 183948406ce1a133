package io.sluice.notification.provider;

import io.sluice.events.ConfigDocument;
import io.sluice.api.ObjectRef;
import java.util.List;
import java.util.Map;

/** A Flux Provider (notification.toolkit.fluxcd.io/v1beta3): where and how notifications are sent. */
public record ProviderSpec(ObjectRef ref, String type, String address, boolean suspend,
        List<String> unsupportedFields) {

    public static final String GENERIC = "generic";
    private static final List<String> FIELDS_NOT_SUPPORTED = List.of("secretRef", "certSecretRef", "proxy",
            "timeout");

    public static ProviderSpec of(ConfigDocument document) {
        Map<String, Object> spec = document.spec();
        return new ProviderSpec(document.ref(),
                spec.get("type") instanceof String type ? type : "",
                spec.get("address") instanceof String address ? address : null,
                Boolean.TRUE.equals(spec.get("suspend")),
                FIELDS_NOT_SUPPORTED.stream().filter(spec::containsKey).map(field -> "spec." + field).toList());
    }

    /** {@code namespace/name}, as the metrics and logs name a provider. */
    public String name() {
        return ref.namespace() + "/" + ref.name();
    }
}
