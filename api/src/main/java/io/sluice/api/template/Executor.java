package io.sluice.api.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks a parse tree over data, as Go's exec.go does: dot and variables, pipelines feeding the previous
 * command's value as the last argument, lazy {@code and}/{@code or}, range over lists, maps (sorted keys)
 * and integers. It remembers the node being evaluated so that a failure can say where it happened.
 */
final class Executor {
    /** A failure, with the node that was being evaluated. */
    static final class Located extends RuntimeException {
        final Node node;

        Located(Node node, String message) {
            super(message);
            this.node = node;
        }
    }

    private static final Object NO_FINAL = new Object();

    private static final class LoopSignal extends RuntimeException {
        final boolean isBreak;

        LoopSignal(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    private final TemplateFunctions functions;
    private final MissingKey missingKey;
    private final StringBuilder out = new StringBuilder();
    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private Node at;

    private Executor(TemplateFunctions functions, MissingKey missingKey) {
        this.functions = functions;
        this.missingKey = missingKey;
    }

    static String execute(Node.ListNode root, Object data, TemplateFunctions functions, MissingKey missingKey) {
        Executor executor = new Executor(functions, missingKey);
        executor.push("$", data);
        try {
            executor.walk(data, root);
        } catch (ExecFailure failure) {
            throw new Located(executor.at, failure.getMessage());
        }
        return executor.out.toString();
    }

    private void walk(Object dot, Node node) {
        if (node instanceof Node.Text text) {
            out.append(text.text());
        } else if (node instanceof Node.ListNode list) {
            for (Node child : list.nodes()) {
                walk(dot, child);
            }
        } else if (node instanceof Node.Action action) {
            Object value = pipeline(dot, action.pipe());
            if (action.pipe().variables().isEmpty()) {
                out.append(value == null ? "<no value>" : GoValues.print(value, false));
            }
        } else if (node instanceof Node.Branch branch) {
            int mark = values.size();
            if (branch.keyword().equals("range")) {
                range(dot, branch);
            } else {
                Object value = pipeline(dot, branch.pipe());
                if (GoValues.isTrue(value)) {
                    walk(branch.keyword().equals("with") ? value : dot, branch.list());
                } else if (branch.elseList() != null) {
                    walk(dot, branch.elseList());
                }
            }
            pop(mark);
        } else if (node instanceof Node.LoopControl control) {
            throw new LoopSignal(control.isBreak());
        }
    }

    private void range(Object dot, Node.Branch branch) {
        at = branch;
        Object value = pipeline(dot, branch.pipe());
        List<Object[]> items = new ArrayList<>();
        List<?> list = value instanceof String ? null : GoValues.asList(value);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                items.add(new Object[] {(long) i, list.get(i)});
            }
        } else if (value instanceof Map<?, ?> map) {
            GoValues.sortedEntries(map).forEach(entry -> items.add(new Object[] {entry.getKey(), entry.getValue()}));
        } else if (Numbers.isInteger(value)) {
            for (long i = 0; i < ((Number) value).longValue(); i++) {
                items.add(new Object[] {i, i});
            }
        } else if (value != null && value != GoValues.MISSING) {
            throw new ExecFailure("range can't iterate over " + GoValues.print(value, false));
        }
        List<String> declared = branch.pipe().variables();
        for (Object[] item : items) {
            if (declared.size() == 1) {
                setVariable(declared.get(0), item[1]);
            } else if (declared.size() == 2) {
                setVariable(declared.get(0), item[0]);
                setVariable(declared.get(1), item[1]);
            }
            int mark = values.size();
            try {
                walk(item[1], branch.list());
            } catch (LoopSignal signal) {
                if (signal.isBreak) {
                    break;
                }
            } finally {
                pop(mark);
            }
        }
        if (items.isEmpty() && branch.elseList() != null) {
            walk(dot, branch.elseList());
        }
    }

    private Object pipeline(Object dot, Node.Pipe pipe) {
        Object value = NO_FINAL;
        for (Node.Command command : pipe.commands()) {
            value = command(dot, command, value);
        }
        for (String variable : pipe.variables()) {
            if (pipe.assign()) {
                setVariable(variable, value);
            } else {
                push(variable, value);
            }
        }
        return value;
    }

    private Object command(Object dot, Node.Command command, Object last) {
        Node first = command.args().get(0);
        at = first;
        if (first instanceof Node.Field field) {
            return fieldChain(dot, field, field.names(), command.args(), last);
        }
        if (first instanceof Node.Chain chain) {
            return fieldChain(chainReceiver(dot, chain), chain, chain.fields(), command.args(), last);
        }
        if (first instanceof Node.Identifier identifier) {
            return call(dot, identifier.name(), command, last);
        }
        if (first instanceof Node.Variable variable) {
            Object value = variable(variable.name());
            if (variable.fields().isEmpty()) {
                notAFunction(command.args(), last);
                return value;
            }
            return fieldChain(value, variable, variable.fields(), command.args(), last);
        }
        notAFunction(command.args(), last);
        if (first instanceof Node.Pipe pipe) {
            return pipeline(dot, pipe);
        }
        if (first instanceof Node.Constant constant) {
            return constant.value();
        }
        if (first instanceof Node.Dot) {
            return dot;
        }
        throw new ExecFailure("nil is not a command");
    }

    private void notAFunction(List<Node> args, Object last) {
        if (args.size() > 1 || last != NO_FINAL) {
            throw new ExecFailure("can't give argument to non-function " + args.get(0));
        }
    }

    private Object chainReceiver(Object dot, Node.Chain chain) {
        if (chain.node() instanceof Node.Nil) {
            throw new ExecFailure("indirection through explicit nil in " + chain);
        }
        return argument(dot, chain.node());
    }

    /** Follows {@code names} from {@code receiver}; only the last may receive arguments (and then fails). */
    private Object fieldChain(Object receiver, Node node, List<String> names, List<Node> args, Object last) {
        Object value = receiver;
        for (int i = 0; i < names.size(); i++) {
            at = node;
            boolean hasArgs = i == names.size() - 1 && (args.size() > 1 || last != NO_FINAL);
            if (hasArgs && value != null && value != GoValues.MISSING) {
                throw new ExecFailure(names.get(i) + " is not a method but has arguments");
            }
            value = GoValues.field(value, names.get(i), missingKey);
        }
        return value;
    }

    private Object call(Object dot, String name, Node.Command command, Object last) {
        TemplateFunction function = functions.get(name);
        List<Node> argNodes = command.args().subList(1, command.args().size());
        if (name.equals("and") || name.equals("or")) {
            return andOr(dot, name, command, argNodes, last);
        }
        List<Object> args = new ArrayList<>();
        for (Node node : argNodes) {
            args.add(forFunction(argument(dot, node)));
        }
        if (last != NO_FINAL) {
            args.add(forFunction(last));
        }
        at = command;
        try {
            return function.call(args);
        } catch (ExecFailure failure) {
            throw failure;
        } catch (RuntimeException failure) {
            throw new ExecFailure("error calling " + name + ": " + failure.getMessage());
        }
    }

    /** Go 1.18+: and/or stop at the first argument that decides, and return that argument. */
    private Object andOr(Object dot, String name, Node.Command command, List<Node> argNodes, Object last) {
        if (argNodes.isEmpty() && last == NO_FINAL) {
            at = command;
            throw new ExecFailure("wrong number of args for " + name + ": want at least 1 got 0");
        }
        Object value = null;
        for (Node node : argNodes) {
            value = forFunction(argument(dot, node));
            if (GoValues.isTrue(value) == name.equals("or")) {
                return value;
            }
        }
        return last != NO_FINAL ? forFunction(last) : value;
    }

    /** A missing value reaches functions as nil, as Go passes the zero value of interface{}. */
    private static Object forFunction(Object value) {
        return value == GoValues.MISSING ? null : value;
    }

    private Object argument(Object dot, Node node) {
        at = node;
        if (node instanceof Node.Dot) {
            return dot;
        }
        if (node instanceof Node.Nil) {
            return null;
        }
        if (node instanceof Node.Constant constant) {
            return constant.value();
        }
        if (node instanceof Node.Field field) {
            return fieldChain(dot, field, field.names(), List.of(field), NO_FINAL);
        }
        if (node instanceof Node.Variable variable) {
            Object value = variable(variable.name());
            return variable.fields().isEmpty() ? value : fieldChain(value, variable, variable.fields(), List.of(variable), NO_FINAL);
        }
        if (node instanceof Node.Pipe pipe) {
            return pipeline(dot, pipe);
        }
        if (node instanceof Node.Identifier identifier) {
            return call(dot, identifier.name(), new Node.Command(node.pos(), List.of(node)), NO_FINAL);
        }
        Node.Chain chain = (Node.Chain) node;
        return fieldChain(chainReceiver(dot, chain), chain, chain.fields(), List.of(chain), NO_FINAL);
    }

    private void push(String name, Object value) {
        names.add(name);
        values.add(value);
    }

    private void pop(int mark) {
        names.subList(mark, names.size()).clear();
        values.subList(mark, values.size()).clear();
    }

    private void setVariable(String name, Object value) {
        int index = names.lastIndexOf(name);
        if (index < 0) {
            push(name, value);
        } else {
            values.set(index, value);
        }
    }

    private Object variable(String name) {
        int index = names.lastIndexOf(name);
        if (index < 0) {
            throw new ExecFailure("undefined variable: " + name);
        }
        return values.get(index);
    }
}
