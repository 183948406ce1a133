package io.sluice.source.helm;

import io.sluice.api.source.ChartVersionRange;

/** What a chart source asks for: a chart by name, a version constraint, and the id of the HelmRepository it is in. */
record ChartRequest(String chart, ChartVersionRange version, String repositoryId) {
}
