package io.sluice.api.argo;

import io.sluice.api.ObjectRef;
import io.sluice.api.meta.RedactedUrl;
import io.sluice.api.read.FragmentReading;
import io.sluice.api.read.Node;
import io.sluice.api.read.Origin;
import io.sluice.api.read.ReadResult;
import io.sluice.api.source.ChartVersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One source of an Argo CD Application ({@code spec.source}, or an item of {@code spec.sources}):
 * where its files come from ({@link #origin}, the implicit source Sluice fetches), the path inside
 * them, and how they are rendered.
 *
 * @param field the source's path in its document ({@code spec.source}, {@code spec.sources[1]}), for messages
 * @param repoUrl the repoURL, trimmed (required)
 * @param targetRevision as written, trimmed (YAML numbers as their text); null when not written: the
 *         default branch of a Git source, the newest version of a chart
 * @param chart the chart of a Helm repository source; null for a Git source
 * @param path the folder inside a Git source; null: its root (Argo CD ignores it for a chart source)
 * @param ref the name other sources give this one's files ({@code $ref/values.yaml}); only in spec.sources, else null
 * @param name the source's display name; null when not written
 * @param explicitType the renderer its option block names; null: Sluice looks at the folder (a
 *         kustomization, a Chart.yaml, else plain manifests), as Argo CD does
 * @param origin the implicit source it reads from
 */
public record ApplicationSource(String field, String repoUrl, String targetRevision, String chart, String path,
        String ref, String name, Type explicitType, DirectoryOptions directory, KustomizeOptions kustomize,
        HelmOptions helm, ImplicitSource origin) {

    /** How a source is rendered. */
    public enum Type { DIRECTORY, KUSTOMIZE, HELM }

    /** The field of an item of spec.sources; group 1 is its index. */
    private static final Pattern SOURCES_ITEM = Pattern.compile("spec\\.sources\\[(\\d+)]");

    /** A source that only lends its files to the others ({@code ref} without a path or chart): not rendered. */
    public boolean referenceOnly() {
        return ref != null && chart == null && path == null;
    }

    /** The id of the implicit source its files come from. */
    public ObjectRef sourceRef() {
        return origin.ref();
    }

    /** Whether it is an item of spec.sources (where {@code ref} is read), not spec.source. */
    public boolean inSources() {
        return SOURCES_ITEM.matcher(field).matches();
    }

    /**
     * This source as {@code document} (the Application it was read from, as parsed) writes it: for a
     * stage that amends it as Argo CD does, with the .argocd-source files of its folder, and reads the
     * result again with {@link #read(Map, String, boolean, ObjectRef, Origin)}. Empty when the document
     * has no source at this source's field.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> writtenIn(Map<String, Object> document) {
        if (!(document.get("spec") instanceof Map<?, ?> spec)) {
            return Map.of();
        }
        Matcher item = SOURCES_ITEM.matcher(field);
        Object written = item.matches()
                ? spec.get("sources") instanceof List<?> sources && Integer.parseInt(item.group(1)) < sources.size()
                        ? sources.get(Integer.parseInt(item.group(1))) : null
                : spec.get("source");
        return written instanceof Map<?, ?> fields ? (Map<String, Object>) fields : Map.of();
    }

    /**
     * Reads a source given as a plain map, at {@code field} (its path in the Application {@code app}
     * read from {@code origin}): for a source rebuilt after the Application was read, such as one
     * merged with Argo CD's .argocd-source files. {@code inSources}: whether it is an item of spec.sources.
     */
    public static ReadResult<ApplicationSource> read(Map<String, Object> source, String field, boolean inSources,
            ObjectRef app, Origin origin) {
        return FragmentReading.read(source, field, app, origin, node -> node.object(item -> read(item, inSources)));
    }

    static ApplicationSource read(Node source, boolean inSources) {
        Node repoUrlField = source.get("repoURL");
        String repoUrl = ArgoFields.trimmed(repoUrlField.requiredString());
        String chart = ArgoFields.trimmed(source.get("chart").string());
        Node revisionField = source.get("targetRevision");
        String targetRevision = revisionField.scalar();
        Node refField = source.get("ref");
        String ref = refField.string();
        if (ref != null && !inSources) {
            refField.warn("is used only in spec.sources, ignored");
            ref = null;
        }
        source.accepted("name").unsupported("semver ranges are matched against every tag", "tagPrefix")
                .unsupported("config management plugins are not run: the folder is rendered as Sluice finds it"
                        + " (a kustomization, a chart, or plain manifests)", "plugin");
        List<String> blocks = new ArrayList<>();
        for (String block : List.of("directory", "kustomize", "helm", "plugin")) {
            if (ArgoFields.has(source, block)) {
                blocks.add(block);
            }
        }
        if (blocks.size() > 1) {
            // Argo CD refuses a source with several option blocks: which tool renders it would be a guess.
            source.error("sets " + String.join(" and ", blocks) + ": only one of directory, kustomize, helm and plugin"
                    + " may be set");
        }
        Type type = blocks.size() == 1 && !blocks.contains("plugin")
                ? Type.valueOf(blocks.get(0).toUpperCase(Locale.ROOT)) : null;
        ImplicitSource origin = repoUrl == null ? null
                : origin(repoUrlField, repoUrl, chart, revisionField, targetRevision);
        return new ApplicationSource(source.path(), repoUrl, targetRevision, chart, source.get("path").string(), ref,
                source.get("name").string(), type,
                source.get("directory").object(DirectoryOptions::read, DirectoryOptions.DEFAULT),
                source.get("kustomize").object(KustomizeOptions::read, KustomizeOptions.NONE),
                source.get("helm").object(HelmOptions::read, HelmOptions.NONE), origin);
    }

    /**
     * The implicit source of {@code repoUrl}, {@code chart} (null: a Git source) at {@code targetRevision};
     * null, with an error on the field at fault, when there is none.
     */
    private static ImplicitSource origin(Node repoUrlField, String repoUrl, String chart, Node revisionField,
            String targetRevision) {
        if (chart != null) {
            if (!ArgoSourceIds.isHttpRepository(repoUrl)) {
                repoUrlField.error("'" + RedactedUrl.of(repoUrl) + "' is not an http(s) Helm repository: charts from"
                        + " OCI registries are not supported by Sluice yet");
                return null;
            }
            ChartVersionRange version;
            try {
                version = ChartVersionRange.parse(targetRevision);
            } catch (IllegalArgumentException e) {
                revisionField.error(e.getMessage());
                return null;
            }
            return new ImplicitSource.HelmChart(ArgoSourceIds.helmChartSource(repoUrl, chart, targetRevision),
                    repoUrl, chart, version, ArgoSourceIds.helmRepository(repoUrl));
        }
        Optional<String> url = ArgoSourceIds.gitFetchUrl(repoUrl);
        Optional<ObjectRef> ref = ArgoSourceIds.gitSource(repoUrl, targetRevision);
        if (url.isEmpty() || ref.isEmpty()) {
            repoUrlField.error("'" + RedactedUrl.of(repoUrl) + "' is not a Git repository URL (https://, http://,"
                    + " ssh://, git://, file:// or user@host:path)");
            return null;
        }
        return new ImplicitSource.Git(ref.get(), url.get(), ArgoSourceIds.revision(targetRevision));
    }
}
