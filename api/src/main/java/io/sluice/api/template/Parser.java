package io.sluice.api.template;

import io.sluice.api.template.Lexer.Token;
import io.sluice.api.template.Lexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the parse tree from the lexer's tokens with Go's rules: functions must exist and variables must be
 * declared before use (both checked when parsing, as Go does), {@code else if}/{@code else with} chain
 * into one {@code end}, and {@code break}/{@code continue} only inside {@code range}.
 */
final class Parser {
    /** A parse error at a char offset of the template text. */
    static final class Failure extends RuntimeException {
        final int pos;

        Failure(int pos, String message) {
            super(message);
            this.pos = pos;
        }
    }

    private record Section(Node.ListNode list, String terminator, int pos) {
    }

    private final List<Token> tokens;
    private final Set<String> functions;
    private final List<String> variables = new ArrayList<>(List.of("$"));
    private int next;
    private int rangeDepth;

    private Parser(List<Token> tokens, Set<String> functions) {
        this.tokens = tokens;
        this.functions = functions;
    }

    static Node.ListNode parse(String text, Set<String> functions) {
        Parser parser = new Parser(Lexer.lex(text), functions);
        Section root = parser.section();
        if (!root.terminator.equals("eof")) {
            throw new Failure(root.pos, "unexpected {{" + root.terminator + "}}");
        }
        return root.list;
    }

    /** Nodes up to the end of the text or to an {@code {{end}}} or {@code {{else}}} at this level. */
    private Section section() {
        List<Node> nodes = new ArrayList<>();
        int start = peek().pos();
        while (true) {
            Token token = take();
            switch (token.type()) {
                case EOF:
                    return new Section(new Node.ListNode(start, nodes), "eof", token.pos());
                case TEXT:
                    nodes.add(new Node.Text(token.pos(), token.text()));
                    break;
                case LEFT:
                    Token word = takeNonSpace();
                    if (word.type() == Type.KEYWORD && (word.text().equals("end") || word.text().equals("else"))) {
                        if (word.text().equals("end")) {
                            expectRight("end");
                        }
                        return new Section(new Node.ListNode(start, nodes), word.text(), word.pos());
                    }
                    nodes.add(action(word));
                    break;
                default:
                    throw new Failure(token.pos(), "unexpected " + describe(token));
            }
        }
    }

    private Node action(Token word) {
        if (word.type() == Type.KEYWORD) {
            switch (word.text()) {
                case "if":
                case "with":
                case "range":
                    return branch(word);
                case "break":
                case "continue":
                    if (rangeDepth == 0) {
                        throw new Failure(word.pos(), "{{" + word.text() + "}} outside {{range}}");
                    }
                    expectRight(word.text());
                    return new Node.LoopControl(word.pos(), word.text().equals("break"));
                default:
                    throw new Failure(word.pos(), "{{" + word.text() + "}} is not supported here");
            }
        }
        next--;
        return new Node.Action(word.pos(), pipe("command", Type.RIGHT));
    }

    private Node.Branch branch(Token keyword) {
        String context = keyword.text();
        int mark = variables.size();
        if (context.equals("range")) {
            rangeDepth++;
        }
        Node.Pipe pipe = pipe(context, Type.RIGHT);
        Section body = section();
        Node.ListNode elseList = null;
        if (body.terminator.equals("eof")) {
            throw new Failure(body.pos, "unexpected EOF");
        }
        if (context.equals("range")) {
            rangeDepth--;
        }
        if (body.terminator.equals("else")) {
            Token after = takeNonSpace();
            if (after.type() == Type.KEYWORD && !context.equals("range") && after.text().equals(context)) {
                elseList = new Node.ListNode(after.pos(), List.of(branch(after)));
            } else {
                if (after.type() != Type.RIGHT) {
                    throw new Failure(after.pos(), "unexpected " + describe(after) + " in else");
                }
                Section otherwise = section();
                if (!otherwise.terminator.equals("end")) {
                    throw new Failure(otherwise.pos, otherwise.terminator.equals("eof") ? "unexpected EOF"
                            : "expected end; found {{else}}");
                }
                elseList = otherwise.list;
            }
        }
        variables.subList(mark, variables.size()).clear();
        return new Node.Branch(keyword.pos(), context, pipe, body.list, elseList);
    }

    private Node.Pipe pipe(String context, Type end) {
        int pos = peekNonSpace().pos();
        List<String> declared = new ArrayList<>();
        boolean assign = declarations(context, declared);
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            Token token = takeNonSpace();
            if (token.type() == end) {
                if (commands.isEmpty()) {
                    throw new Failure(token.pos(), "missing value for " + context);
                }
                break;
            }
            next--;
            commands.add(command(end));
            if (peekNonSpace().type() == Type.PIPE) {
                takeNonSpace();
            }
        }
        for (int i = 1; i < commands.size(); i++) {
            Node first = commands.get(i).args().get(0);
            if (first instanceof Node.Constant || first instanceof Node.Dot || first instanceof Node.Nil) {
                throw new Failure(first.pos(), "non executable command in pipeline stage " + (i + 1));
            }
        }
        return new Node.Pipe(pos, declared, assign, commands);
    }

    /** Reads {@code $x :=}, {@code $k, $v :=} or {@code $x =} if present; true for an assignment. */
    private boolean declarations(String context, List<String> declared) {
        int start = next;
        Token first = takeNonSpace();
        if (first.type() == Type.VARIABLE) {
            Token op = takeNonSpace();
            if (op.type() == Type.COMMA && context.equals("range")) {
                Token second = takeNonSpace();
                Token op2 = takeNonSpace();
                if (second.type() == Type.VARIABLE && (op2.type() == Type.DECLARE || op2.type() == Type.ASSIGN)) {
                    declare(first, op2, declared);
                    declare(second, op2, declared);
                    return op2.type() == Type.ASSIGN;
                }
                throw new Failure(op.pos(), "range can only initialize variables");
            }
            if (op.type() == Type.COMMA) {
                throw new Failure(op.pos(), "too many declarations in " + context);
            }
            if (op.type() == Type.DECLARE || op.type() == Type.ASSIGN) {
                declare(first, op, declared);
                return op.type() == Type.ASSIGN;
            }
        }
        next = start;
        return false;
    }

    private void declare(Token variable, Token op, List<String> declared) {
        if (op.type() == Type.ASSIGN) {
            checkDefined(variable);
        } else {
            variables.add(variable.text());
        }
        declared.add(variable.text());
    }

    private Node.Command command(Type end) {
        List<Node> args = new ArrayList<>();
        int pos = peekNonSpace().pos();
        while (true) {
            Token token = takeNonSpace();
            if (token.type() == end || token.type() == Type.PIPE) {
                next--;
                break;
            }
            next--;
            Node operand = operand();
            if (operand == null) {
                throw new Failure(token.pos(), "unexpected " + describe(token) + " in operand");
            }
            args.add(operand);
            Type after = peek().type();
            if (after != Type.SPACE && after != end && after != Type.PIPE) {
                throw new Failure(peek().pos(), "unexpected " + describe(peek()) + " in operand");
            }
        }
        if (args.isEmpty()) {
            throw new Failure(pos, "empty command");
        }
        return new Node.Command(pos, args);
    }

    private Node operand() {
        Node term = term();
        if (term == null || peek().type() != Type.FIELD) {
            return term;
        }
        List<String> fields = new ArrayList<>();
        while (peek().type() == Type.FIELD) {
            fields.add(take().text().substring(1));
        }
        if (term instanceof Node.Field field) {
            List<String> names = new ArrayList<>(field.names());
            names.addAll(fields);
            return new Node.Field(term.pos(), names);
        }
        if (term instanceof Node.Variable variable) {
            return new Node.Variable(term.pos(), variable.name(), fields);
        }
        if (term instanceof Node.Constant || term instanceof Node.Nil || term instanceof Node.Dot) {
            throw new Failure(term.pos(), "unexpected . after term " + Quoting.goQuote(term.toString()));
        }
        return new Node.Chain(term.pos(), term, fields);
    }

    private Node term() {
        Token token = takeNonSpace();
        switch (token.type()) {
            case IDENTIFIER:
                if (!functions.contains(token.text())) {
                    throw new Failure(token.pos(), "function " + Quoting.goQuote(token.text()) + " not defined");
                }
                return new Node.Identifier(token.pos(), token.text());
            case DOT:
                return new Node.Dot(token.pos());
            case NIL:
                return new Node.Nil(token.pos());
            case VARIABLE:
                checkDefined(token);
                return new Node.Variable(token.pos(), token.text(), List.of());
            case FIELD:
                return new Node.Field(token.pos(), List.of(token.text().substring(1)));
            case BOOL:
                return new Node.Constant(token.pos(), Boolean.valueOf(token.text()), token.text());
            case NUMBER:
                return new Node.Constant(token.pos(), Numbers.parse(token), token.text());
            case CHAR:
                return new Node.Constant(token.pos(), character(token), token.text());
            case STRING:
                String value = Quoting.unquote(token.text());
                if (value == null) {
                    throw new Failure(token.pos(), "invalid syntax: " + token.text());
                }
                return new Node.Constant(token.pos(), value, token.text());
            case RAW_STRING:
                String raw = token.text();
                return new Node.Constant(token.pos(), raw.substring(1, raw.length() - 1).replace("\r", ""), raw);
            case LEFT_PAREN:
                return pipe("parenthesized pipeline", Type.RIGHT_PAREN);
            default:
                next--;
                return null;
        }
    }

    private static Long character(Token token) {
        String value = Quoting.unquote(token.text());
        if (value == null || value.codePointCount(0, value.length()) != 1) {
            throw new Failure(token.pos(), "malformed character constant: " + token.text());
        }
        return (long) value.codePointAt(0);
    }

    private void checkDefined(Token variable) {
        if (!variables.contains(variable.text())) {
            throw new Failure(variable.pos(), "undefined variable " + Quoting.goQuote(variable.text()));
        }
    }

    private void expectRight(String context) {
        Token token = takeNonSpace();
        if (token.type() != Type.RIGHT) {
            throw new Failure(token.pos(), "unexpected " + describe(token) + " in " + context);
        }
    }

    private static String describe(Token token) {
        return switch (token.type()) {
            case EOF -> "EOF";
            case RIGHT -> "\"}}\"";
            default -> Quoting.goQuote(token.text());
        };
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private Token takeNonSpace() {
        Token token = take();
        while (token.type() == Type.SPACE) {
            token = take();
        }
        return token;
    }

    private Token peekNonSpace() {
        int at = next;
        while (tokens.get(at).type() == Type.SPACE) {
            at++;
        }
        return tokens.get(at);
    }
}
