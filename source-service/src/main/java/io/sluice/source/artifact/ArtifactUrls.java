package io.sluice.source.artifact;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The URL at which other services fetch an artifact: {@code sluice.source.public-url} when set
 * (behind a Service or proxy), else this host's loopback address and the HTTP port.
 */
@ApplicationScoped
public class ArtifactUrls {
    private final Optional<String> publicUrl;

    @Inject
    public ArtifactUrls(@ConfigProperty(name = "sluice.source.public-url") Optional<String> publicUrl) {
        this.publicUrl = publicUrl;
    }

    public String of(String hex) {
        return base() + "/artifacts/" + hex + ".tar.gz";
    }

    /** Where this service is reached from outside: artifacts and webhook URLs start with it. */
    public String base() {
        if (publicUrl.isPresent()) {
            return publicUrl.get().replaceAll("/+$", "");
        }
        // Read when needed, not injected: with port 0 Quarkus records the port it got only once listening.
        String port = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue(port, Integer.class);
    }
}
