package io.sluice.render.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.sluice.render.manifest.RenderException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code helm template} in-process (helm-java, Helm's own Go engine), on a worker thread with a
 * time limit and an output-size limit, always with the cluster's Kubernetes version so that
 * .Capabilities.KubeVersion is the real one. Helm's engine runs offline: a template that calls
 * {@code lookup} fails, as there is no cluster to ask.
 */
public final class ChartTemplate implements AutoCloseable {
    private final ExecutorService worker = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "helm-template");
        thread.setDaemon(true);
        return thread;
    });
    private final String kubeVersion;
    private final Duration timeout;
    private final long maxOutputBytes;
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;
    private final AtomicInteger abandoned = new AtomicInteger();

    public ChartTemplate(String kubeVersion, Duration timeout, long maxOutputBytes) {
        this.kubeVersion = kubeVersion;
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
    }

    /** The YAML Helm prints for {@code chart} installed as {@code releaseName} in {@code namespace}. */
    public String render(Path chart, String releaseName, String namespace, Path valuesFile, String origin)
            throws RenderException {
        return render(chart, releaseName, namespace, List.of(valuesFile), Map.of(), Map.of(), origin);
    }

    /**
     * The same with several values files (later ones win, as {@code -f a -f b}), {@code set} as
     * {@code --set name=value} and {@code setFile} as {@code --set-file name=path} (the value is the
     * file's text, always a string).
     */
    public String render(Path chart, String releaseName, String namespace, List<Path> valuesFiles,
            Map<String, String> set, Map<String, Path> setFile, String origin) throws RenderException {
        // Like helm template, without the chart's crds/ folder: those are read by ChartCrds.
        // RUNNING, then DONE or (past the time limit) ABANDONED, whichever comes first.
        AtomicInteger state = new AtomicInteger(RUNNING);
        Future<String> run = worker.submit(() -> {
            try {
                TemplateCommand template = new Helm(chart).template().withName(releaseName).withNamespace(namespace)
                        .withKubeVersion(kubeVersion);
                valuesFiles.forEach(template::withValuesFile);
                set.forEach(template::set);
                setFile.forEach(template::setFile);
                return template.call();
            } finally {
                if (!state.compareAndSet(RUNNING, DONE)) {
                    abandoned.decrementAndGet();
                }
            }
        });
        String yaml;
        try {
            yaml = run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The Go engine cannot be stopped from Java: its thread is left to end on its own, and counted.
            if (state.compareAndSet(RUNNING, ABANDONED)) {
                abandoned.incrementAndGet();
            }
            run.cancel(true);
            throw new RenderException(origin + ": helm template timed out after " + timeout.toSeconds()
                    + " s (sluice.render.timeout)");
        } catch (ExecutionException e) {
            throw new RenderException(origin + ": helm template failed: " + message(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException(origin + ": helm template interrupted");
        }
        if (yaml.getBytes(StandardCharsets.UTF_8).length > maxOutputBytes) {
            throw new RenderException(origin + ": helm template output is larger than the limit of " + maxOutputBytes
                    + " bytes (sluice.render.max-output-size)");
        }
        return yaml;
    }

    /** Renders that ran over the time limit and still run: Helm's engine cannot be interrupted. */
    public int abandonedRunning() {
        return abandoned.get();
    }

    private static String message(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage().strip();
        if (message.contains("lookup") || message.contains("localhost:8080")) {
            message += " (templates that call lookup cannot be rendered: render-service has no cluster to ask)";
        }
        return message;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
