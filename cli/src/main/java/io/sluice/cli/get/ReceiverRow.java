package io.sluice.cli.get;

/** One line of {@code sluice get receivers}: a webhook receiver and the URL to give the Git host. */
public record ReceiverRow(String namespace, String name, String type, String url, boolean ready, String message) {
}
