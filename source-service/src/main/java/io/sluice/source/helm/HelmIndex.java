package io.sluice.source.helm;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The charts a Helm repository's index.yaml offers. A file that is not YAML, has no apiVersion, or
 * whose {@code entries} are not chart lists is malformed as a whole (the message gives the line or
 * field); a single entry that is unusable (no semantic version, no URL) is skipped, as Helm does,
 * and listed in {@link #skipped()}.
 */
final class HelmIndex {
    /** "1.2" is a version to Helm (1.2.0); anything looser is not. */
    private static final Pattern SHORT_VERSION = Pattern.compile("v?\\d+(\\.\\d+)?");

    private final Map<String, List<ChartVersion>> entries;
    private final List<String> skipped;

    private HelmIndex(Map<String, List<ChartVersion>> entries, List<String> skipped) {
        this.entries = entries;
        this.skipped = skipped;
    }

    /** Parses an index of at most {@code maxBytes}; {@code from} names the file in messages. */
    static HelmIndex parse(byte[] yaml, String from, int maxBytes) throws HelmFailure {
        JsonNode root;
        try {
            root = mapper(maxBytes).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw malformed(from, at(e.getLocation()) + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw malformed(from, oneLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw malformed(from, "the file is not a YAML mapping");
        }
        JsonNode apiVersion = root.get("apiVersion");
        if (apiVersion == null || !apiVersion.isTextual() || apiVersion.asText().isBlank()) {
            throw malformed(from, "apiVersion is missing: this is not a Helm repository index");
        }
        JsonNode entries = root.get("entries");
        if (entries == null || entries.isNull()) {
            return new HelmIndex(Map.of(), List.of());
        }
        if (!entries.isObject()) {
            throw malformed(from, "entries must be a mapping of chart names to lists of versions");
        }
        Map<String, List<ChartVersion>> charts = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> chart = it.next();
            String field = "entries." + chart.getKey();
            if (!chart.getValue().isArray()) {
                throw malformed(from, field + " must be a list of chart versions");
            }
            List<ChartVersion> versions = new ArrayList<>();
            for (int i = 0; i < chart.getValue().size(); i++) {
                String problem = addVersion(chart.getKey(), chart.getValue().get(i), versions);
                if (problem != null) {
                    skipped.add(field + "[" + i + "]: " + problem);
                }
            }
            charts.put(chart.getKey(), List.copyOf(versions));
        }
        return new HelmIndex(Map.copyOf(charts), List.copyOf(skipped));
    }

    /** The versions of {@code chart} in index order, or null when the index does not list the chart. */
    List<ChartVersion> versions(String chart) {
        return entries.get(chart);
    }

    int chartCount() {
        return entries.size();
    }

    /** The unusable entries, each as "entries.<chart>[<i>]: <why>". */
    List<String> skipped() {
        return skipped;
    }

    /** Adds the entry to {@code versions}, or says why it cannot be used. */
    private static String addVersion(String chart, JsonNode entry, List<ChartVersion> versions) {
        if (!entry.isObject()) {
            return "not a mapping";
        }
        JsonNode version = entry.get("version");
        if (version == null || !version.isValueNode() || version.asText().isBlank()) {
            return "version is missing";
        }
        Semver semver = semver(version.asText());
        if (semver == null) {
            return "version '" + version.asText() + "' is not a semantic version";
        }
        JsonNode urls = entry.get("urls");
        if (urls == null || !urls.isArray() || urls.isEmpty() || !urls.get(0).isTextual()) {
            return "urls is missing";
        }
        List<String> links = new ArrayList<>();
        urls.forEach(url -> links.add(url.asText()));
        JsonNode digest = entry.get("digest");
        versions.add(new ChartVersion(chart, version.asText(), semver, List.copyOf(links),
                digest != null && digest.isValueNode() && !digest.asText().isBlank()
                        ? digest.asText().trim().replaceFirst("^sha256:", "").toLowerCase(Locale.ROOT) : null));
        return null;
    }

    static Semver semver(String version) {
        Semver parsed = Semver.parse(version.trim());
        if (parsed == null && SHORT_VERSION.matcher(version.trim()).matches()) {
            parsed = Semver.coerce(version.trim());
        }
        return parsed;
    }

    private static ObjectMapper mapper(int maxBytes) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(maxBytes);
        return new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
    }

    private static HelmFailure malformed(String from, String problem) {
        return new HelmFailure(HelmFailure.MALFORMED_INDEX, "malformed index.yaml from " + from + ": " + problem);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    /** The parser's message on one line, without its echo of the source text (a caret under a copied line). */
    private static String oneLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        String withoutEcho = text.replaceAll("\\s*\\R\\s*in 'reader'", "")
                .replaceAll("(?m)^.*\\R[ \\t]*\\^[ \\t]*$", "");
        return withoutEcho.trim().replaceAll("\\s*\\R\\s*", " ").replaceAll(":$", "");
    }
}
