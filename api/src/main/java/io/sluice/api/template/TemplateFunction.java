package io.sluice.api.template;

import java.util.List;

/**
 * A function templates can call by name, given its evaluated arguments (a piped value comes last).
 * A failure is reported as Go does, "error calling NAME: " and the exception's message; the argument checks
 * below fail as Go's own checks do, without that prefix.
 */
@FunctionalInterface
public interface TemplateFunction {
    Object call(List<Object> args);

    /** Fails unless exactly {@code count} arguments were given, with Go's message. */
    static void requireArgs(String name, List<Object> args, int count) {
        if (args.size() != count) {
            throw new ExecFailure("wrong number of args for " + name + ": want " + count + " got " + args.size());
        }
    }

    /** The argument at {@code index} as a string, or Go's "wrong type" failure. */
    static String stringArg(List<Object> args, int index) {
        Object arg = args.get(index);
        if (arg instanceof String string) {
            return string;
        }
        throw new ExecFailure("wrong type for value; expected string; got " + GoValues.typeName(arg));
    }
}
