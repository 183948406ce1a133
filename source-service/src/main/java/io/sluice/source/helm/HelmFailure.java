package io.sluice.source.helm;

import io.sluice.api.status.Reasons;

/**
 * Why reading a Helm repository or pulling a chart failed. The message names the repository URL
 * (without credentials) and the cause; {@code reason} is the metric label, e.g. "unreachable".
 */
class HelmFailure extends Exception {
    static final String UNREACHABLE = "unreachable";
    static final String UNAUTHORIZED = "unauthorized";
    static final String SECRET_NOT_FOUND = "secret-not-found";
    static final String HTTP_ERROR = "http-error";
    static final String TOO_LARGE = "too-large";
    static final String MALFORMED_INDEX = "malformed-index";
    static final String CHART_NOT_FOUND = "chart-not-found";
    static final String NO_MATCHING_VERSION = "no-matching-version";
    static final String DIGEST_MISMATCH = "digest-mismatch";
    static final String NOT_A_CHART = "not-a-chart";
    static final String STORAGE = "storage";
    static final String PUBLISH = "publish";

    private final String reason;

    HelmFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    /** The event reason, as Flux names it: credentials refused, or the index or chart could not be had. */
    String eventReason(String otherwise) {
        return UNAUTHORIZED.equals(reason) || SECRET_NOT_FOUND.equals(reason) ? Reasons.AUTHENTICATION_FAILED
                : otherwise;
    }
}
