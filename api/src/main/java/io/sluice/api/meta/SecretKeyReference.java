package io.sluice.api.meta;

import io.sluice.api.read.Node;

/** A key of a Secret in the referring object's namespace; {@code key} null: the reader's default key. */
public record SecretKeyReference(String name, String key) {

    public static SecretKeyReference read(Node reference) {
        return new SecretKeyReference(reference.get("name").requiredString(), reference.get("key").string());
    }

    /**
     * Flux's {@code spec.kubeConfig} (a KubeConfigReference): its {@code secretRef}, whose kubeconfig
     * names the cluster to apply to; null when not set (the cluster Sluice runs in). Its
     * {@code configMapRef} (a kubeconfig without secrets) is not read yet.
     */
    public static SecretKeyReference readKubeConfig(Node kubeConfig) {
        if (!kubeConfig.present()) {
            return null;
        }
        kubeConfig.unsupported("use spec.kubeConfig.secretRef", "configMapRef");
        Node secretRef = kubeConfig.get("secretRef");
        if (!secretRef.present()) {
            secretRef.error("is required");
        }
        return secretRef.object(SecretKeyReference::read);
    }
}
