package io.sluice.apply.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The client of the destination cluster, configured by {@code sluice.apply.kubeconfig} or fabric8's own discovery. */
@ApplicationScoped
public class ClusterClient {
    static final String KUBECONFIG_PROPERTY = "sluice.apply.kubeconfig";

    private final Optional<String> kubeconfig;

    ClusterClient(@ConfigProperty(name = KUBECONFIG_PROPERTY) Optional<String> kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    @Produces
    @Singleton
    KubernetesClient client() {
        Config config = kubeconfig.filter(p -> !p.isBlank()).map(ClusterClient::fromFile)
                .orElseGet(() -> Config.autoConfigure(null));
        return build(config);
    }

    /**
     * A client that gives up on a failing request after one retry: a failed apply is retried by
     * Sluice itself, with the application's backoff, while fabric8's default (10 retries, about
     * 20 s) would hold the single worker, and every other application, on one refused object.
     */
    static KubernetesClient build(Config config) {
        config.setRequestRetryBackoffLimit(1);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    void close(@Disposes KubernetesClient client) {
        client.close();
    }

    private static Config fromFile(String path) {
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(KUBECONFIG_PROPERTY + ": no readable kubeconfig at "
                    + file.toAbsolutePath());
        }
        return Config.fromKubeconfig(file.toFile());
    }
}
