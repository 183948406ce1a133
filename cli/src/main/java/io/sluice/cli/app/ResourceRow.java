package io.sluice.cli.app;

/** One line of {@code sluice app resources}: an object of the application, as Argo CD lists them. */
public record ResourceRow(String group, String kind, String namespace, String name, String status, String health,
        String message) {
}
