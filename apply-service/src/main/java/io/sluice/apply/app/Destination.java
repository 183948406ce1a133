package io.sluice.apply.app;

/**
 * The cluster an application's objects go to.
 *
 * @param server the API server URL as the spec names it; {@value #IN_CLUSTER_SERVER} for the cluster Sluice runs in
 */
public record Destination(String server) {
    public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
    public static final Destination IN_CLUSTER = new Destination(IN_CLUSTER_SERVER);
}
