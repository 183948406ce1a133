package io.sluice.render.manifest;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * How kustomize is kept off the network: in a network namespace of its own, made by
 * {@code unshare -rn} (a user namespace, so no privilege is needed) when this machine allows it.
 */
public final class NetworkIsolation {
    private static final Logger LOG = Logger.getLogger(NetworkIsolation.class);
    private static final List<String> UNSHARE = List.of("unshare", "-rn");

    /** The prefix to run kustomize with: none when remote bases are allowed (they need the network). */
    public static List<String> commandPrefix(boolean allowRemoteBases) {
        if (allowRemoteBases) {
            LOG.info("kustomize runs with network access: remote bases are allowed (sluice.render.allow-remote-bases)");
            return List.of();
        }
        String problem = probe();
        if (problem == null) {
            LOG.info("kustomize runs without network access (unshare -rn)");
            return UNSHARE;
        }
        LOG.warnf("kustomize runs WITH network access: %s. Remote bases are still refused before kustomize runs.",
                problem);
        return List.of();
    }

    /** Null when {@code unshare -rn true} works, else why not. */
    private static String probe() {
        try {
            Process process = new ProcessBuilder("unshare", "-rn", "true").redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "unshare -rn did not answer within 10 s";
            }
            String output = new String(process.getInputStream().readAllBytes()).strip();
            return process.exitValue() == 0 ? null
                    : "unshare -rn fails here (exit " + process.exitValue() + ": " + output + ")";
        } catch (IOException e) {
            return "unshare cannot run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying unshare -rn";
        }
    }

    private NetworkIsolation() {
    }
}
