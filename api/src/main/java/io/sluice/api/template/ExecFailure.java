package io.sluice.api.template;

/** A failure while executing, before the executor adds the template name, line, column and node. */
final class ExecFailure extends RuntimeException {
    ExecFailure(String message) {
        super(message);
    }
}
