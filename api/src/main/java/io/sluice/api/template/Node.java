package io.sluice.api.template;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree of a template, shaped as Go's text/template/parse nodes. Every node knows its position
 * (a char offset into the template text) so that errors can name line and column, and prints itself as
 * Go does, since errors quote the node ("at <.Values.x>").
 */
sealed interface Node {
    int pos();

    record Text(int pos, String text) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    record ListNode(int pos, List<Node> nodes) implements Node {
        @Override
        public String toString() {
            return nodes.stream().map(Node::toString).collect(Collectors.joining());
        }
    }

    /** {@code {{pipeline}}}: prints the pipeline's value unless it declares variables. */
    record Action(int pos, Pipe pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** {@code if}, {@code with} and {@code range}; elseList is null without an else branch. */
    record Branch(int pos, String keyword, Pipe pipe, ListNode list, ListNode elseList) implements Node {
        @Override
        public String toString() {
            String text = "{{" + keyword + " " + pipe + "}}" + list;
            return text + (elseList == null ? "" : "{{else}}" + elseList) + "{{end}}";
        }
    }

    /** {@code {{break}}} and {@code {{continue}}} inside a range. */
    record LoopControl(int pos, boolean isBreak) implements Node {
        @Override
        public String toString() {
            return isBreak ? "{{break}}" : "{{continue}}";
        }
    }

    /** Commands joined by '|', optionally declaring ({@code :=}) or assigning ({@code =}) variables. */
    record Pipe(int pos, List<String> variables, boolean assign, List<Command> commands) implements Node {
        @Override
        public String toString() {
            String head = variables.isEmpty() ? "" : String.join(", ", variables) + (assign ? " = " : " := ");
            return head + commands.stream().map(Command::toString).collect(Collectors.joining(" | "));
        }
    }

    record Command(int pos, List<Node> args) implements Node {
        @Override
        public String toString() {
            return args.stream()
                    .map(arg -> arg instanceof Pipe ? "(" + arg + ")" : arg.toString())
                    .collect(Collectors.joining(" "));
        }
    }

    /** A function name. */
    record Identifier(int pos, String name) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code .A.B}: fields of dot. */
    record Field(int pos, List<String> names) implements Node {
        @Override
        public String toString() {
            return names.stream().map(name -> "." + name).collect(Collectors.joining());
        }
    }

    /** {@code $x.A.B}; {@code $} alone is the data given to execute. */
    record Variable(int pos, String name, List<String> fields) implements Node {
        @Override
        public String toString() {
            return name + fields.stream().map(field -> "." + field).collect(Collectors.joining());
        }
    }

    /** {@code (pipeline).A.B}. */
    record Chain(int pos, Node node, List<String> fields) implements Node {
        @Override
        public String toString() {
            String head = node instanceof Pipe ? "(" + node + ")" : node.toString();
            return head + fields.stream().map(field -> "." + field).collect(Collectors.joining());
        }
    }

    record Dot(int pos) implements Node {
        @Override
        public String toString() {
            return ".";
        }
    }

    record Nil(int pos) implements Node {
        @Override
        public String toString() {
            return "nil";
        }
    }

    /** A literal: bool, number (Long or Double), string or character (as its code point, a Long). */
    record Constant(int pos, Object value, String source) implements Node {
        @Override
        public String toString() {
            return source;
        }
    }
}
