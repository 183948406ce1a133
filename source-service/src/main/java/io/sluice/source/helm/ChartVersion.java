package io.sluice.source.helm;

import java.util.List;
import org.semver4j.Semver;

/**
 * One version of one chart as a repository's index.yaml lists it: the version as written, its parsed
 * semantic version, where to download it, and the sha256 the index promises, in lowercase hex
 * (null when it gives none).
 */
record ChartVersion(String chart, String version, Semver semver, List<String> urls, String digest) {
}
