package io.sluice.cli.get;

/** One line of {@code sluice get apps}. */
public record AppRow(String name, String namespace, String kind, String sync, String health, String revision,
        String message) {
}
