package io.sluice.source.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelmIndexTest {
    private static final String FROM = "http://charts.example/index.yaml";

    @Test
    void readsEntriesAndSkipsUnusableOnesAsHelmDoes() throws HelmFailure {
        HelmIndex index = parse("""
                apiVersion: v1
                entries:
                  web:
                    - version: 1.2.3
                      urls: [charts/web-1.2.3.tgz]
                      digest: ABCDEF
                    - version: not-a-version
                      urls: [charts/web-x.tgz]
                    - version: 1.2.4
                  db:
                    - version: "2.0"
                      urls: [https://mirror.example/db-2.0.tgz]
                generated: "2026-11-27T00:00:00Z"
                """);
        assertEquals(2, index.chartCount());
        ChartVersion web = index.versions("web").get(0);
        assertEquals("1.2.3", web.version());
        assertEquals("abcdef", web.digest());
        assertEquals(List.of("charts/web-1.2.3.tgz"), web.urls());
        assertEquals("2.0.0", index.versions("db").get(0).semver().getVersion());
        assertNull(index.versions("db").get(0).digest());
        assertNull(index.versions("cache"));
        assertEquals(List.of("entries.web[1]: version 'not-a-version' is not a semantic version",
                "entries.web[2]: urls is missing"), index.skipped());
    }

    @Test
    void aMalformedIndexNamesTheLineOrTheField() {
        HelmFailure yaml = assertThrows(HelmFailure.class, () -> parse("""
                apiVersion: v1
                entries:
                  web: [
                    version: 1
                """));
        assertEquals(HelmFailure.MALFORMED_INDEX, yaml.reason());
        assertEquals("malformed index.yaml from " + FROM + ": line 5, column 1: while parsing a flow sequence, line 3,"
                + " column 8: expected ',' or ']', but got <stream end>, line 5, column 1", yaml.getMessage());
        assertEquals("malformed index.yaml from " + FROM + ": apiVersion is missing: this is not a Helm repository"
                + " index", assertThrows(HelmFailure.class, () -> parse("entries: {}\n")).getMessage());
        assertEquals("malformed index.yaml from " + FROM + ": entries.web must be a list of chart versions",
                assertThrows(HelmFailure.class, () -> parse("apiVersion: v1\nentries:\n  web: 1.0.0\n")).getMessage());
        assertEquals("malformed index.yaml from " + FROM + ": the file is not a YAML mapping",
                assertThrows(HelmFailure.class, () -> parse("<html>not found</html>\n")).getMessage());
    }

    @Test
    void chartUrlsAreRelativeToTheRepository() {
        assertEquals(URI.create("http://h/repo/charts/web-1.tgz"), HelmUrls.chart("http://h/repo/", "charts/web-1.tgz"));
        assertEquals(URI.create("http://h/repo/web-1.tgz"), HelmUrls.chart("http://h/repo", "web-1.tgz"));
        assertEquals(URI.create("https://cdn/web-1.tgz"), HelmUrls.chart("http://h/repo", "https://cdn/web-1.tgz"));
        assertEquals(URI.create("http://h/repo/index.yaml"), HelmUrls.index("http://h/repo//"));
        assertEquals(true, HelmUrls.sameOrigin(URI.create("https://h/a"), URI.create("https://h:443/b")));
        assertEquals(false, HelmUrls.sameOrigin(URI.create("https://h/a"), URI.create("https://cdn/a")));
    }

    private static HelmIndex parse(String yaml) throws HelmFailure {
        return HelmIndex.parse(yaml.getBytes(StandardCharsets.UTF_8), FROM, 1 << 20);
    }
}
