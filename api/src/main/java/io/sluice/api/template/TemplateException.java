package io.sluice.api.template;

/**
 * A template that cannot be parsed or executed. The message reads as Go's does: the template's name, the
 * line (and column, when executing), the node being evaluated and what failed, e.g.
 * {@code template: spec.git.commit.messageTemplate:3:14: executing "spec.git.commit.messageTemplate" at <.Values.env>: map has no entry for key "env"}.
 */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
