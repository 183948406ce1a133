package io.sluice.api.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits template text into tokens as Go's text/template lexer does: text between actions (with the
 * {@code {{-} and {@code -}}} markers trimming the white space next to them), comments dropped, and the
 * words of each action. Spaces inside an action are kept as tokens because they separate arguments
 * ({@code .A .B} is two arguments, {@code .A.B} one).
 */
final class Lexer {
    enum Type {
        TEXT, LEFT, RIGHT, SPACE, IDENTIFIER, KEYWORD, FIELD, VARIABLE, DOT, STRING, RAW_STRING, CHAR, NUMBER,
        BOOL, NIL, PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, COMMA, EOF
    }

    record Token(Type type, String text, int pos) {
    }

    private static final Set<String> KEYWORDS = Set.of(
            "if", "else", "end", "range", "with", "break", "continue", "define", "template", "block");
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int parenDepth;

    private Lexer(String input) {
        this.input = input;
    }

    /** The tokens of the text, ending with EOF; a {@link Parser.Failure} for text that cannot be split. */
    static List<Token> lex(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean trimNext = false;
        while (pos < input.length()) {
            int left = input.indexOf(LEFT, pos);
            int textEnd = left < 0 ? input.length() : left;
            boolean trimBefore = left >= 0 && hasLeftTrim(left);
            String text = input.substring(pos, textEnd);
            int textStart = pos;
            if (trimNext) {
                int skipped = text.length() - stripLeading(text).length();
                text = text.substring(skipped);
                textStart += skipped;
            }
            if (trimBefore) {
                text = stripTrailing(text);
            }
            if (!text.isEmpty()) {
                tokens.add(new Token(Type.TEXT, text, textStart));
            }
            if (left < 0) {
                break;
            }
            pos = left + LEFT.length() + (trimBefore ? 2 : 0);
            trimNext = lexAction(left);
        }
        tokens.add(new Token(Type.EOF, "", input.length()));
    }

    private boolean hasLeftTrim(int left) {
        int after = left + LEFT.length();
        return after + 1 < input.length() && input.charAt(after) == '-' && isSpace(input.charAt(after + 1));
    }

    /** Lexes one action starting at {@code left}; true when it ends with a right trim marker. */
    private boolean lexAction(int left) {
        if (input.startsWith("/*", pos)) {
            return lexComment(left);
        }
        tokens.add(new Token(Type.LEFT, LEFT, left));
        parenDepth = 0;
        while (true) {
            if (pos >= input.length()) {
                throw new Parser.Failure(left, "unclosed action");
            }
            if (atRightTrim()) {
                tokens.add(new Token(Type.RIGHT, RIGHT, pos + 2));
                pos += 2 + RIGHT.length();
                return true;
            }
            if (input.startsWith(RIGHT, pos)) {
                if (parenDepth > 0) {
                    throw new Parser.Failure(pos, "unclosed left paren");
                }
                tokens.add(new Token(Type.RIGHT, RIGHT, pos));
                pos += RIGHT.length();
                return false;
            }
            lexInsideAction();
        }
    }

    private boolean atRightTrim() {
        return pos + 1 < input.length() && isSpace(input.charAt(pos)) && input.charAt(pos + 1) == '-'
                && input.startsWith(RIGHT, pos + 2);
    }

    private boolean lexComment(int left) {
        int end = input.indexOf("*/", pos + 2);
        if (end < 0) {
            throw new Parser.Failure(left, "unclosed comment");
        }
        pos = end + 2;
        if (atRightTrim()) {
            pos += 2 + RIGHT.length();
            return true;
        }
        if (!input.startsWith(RIGHT, pos)) {
            throw new Parser.Failure(left, "comment ends before closing delimiter");
        }
        pos += RIGHT.length();
        return false;
    }

    private void lexInsideAction() {
        int start = pos;
        char c = input.charAt(pos);
        if (isSpace(c)) {
            while (pos < input.length() && isSpace(input.charAt(pos)) && !atRightTrim()) {
                pos++;
            }
            emit(Type.SPACE, start);
        } else if (c == '|') {
            pos++;
            emit(Type.PIPE, start);
        } else if (c == '(') {
            pos++;
            parenDepth++;
            emit(Type.LEFT_PAREN, start);
        } else if (c == ')') {
            pos++;
            if (--parenDepth < 0) {
                throw new Parser.Failure(start, "unexpected right paren");
            }
            emit(Type.RIGHT_PAREN, start);
        } else if (c == ',') {
            pos++;
            emit(Type.COMMA, start);
        } else if (input.startsWith(":=", pos)) {
            pos += 2;
            emit(Type.DECLARE, start);
        } else if (c == '=') {
            pos++;
            emit(Type.ASSIGN, start);
        } else if (c == '"') {
            lexQuoted('"', Type.STRING, "unterminated quoted string");
        } else if (c == '\'') {
            lexQuoted('\'', Type.CHAR, "unterminated character constant");
        } else if (c == '`') {
            int end = input.indexOf('`', pos + 1);
            if (end < 0) {
                throw new Parser.Failure(start, "unterminated raw quoted string");
            }
            pos = end + 1;
            emit(Type.RAW_STRING, start);
        } else if (c == '$') {
            pos++;
            scanWord();
            emit(Type.VARIABLE, start);
        } else if (c == '.') {
            if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
                lexNumber();
                return;
            }
            pos++;
            if (scanWord() == 0) {
                emit(Type.DOT, start);
            } else {
                emit(Type.FIELD, start);
            }
        } else if (c == '+' || c == '-' || Character.isDigit(c)) {
            lexNumber();
        } else if (isWordChar(c)) {
            scanWord();
            String word = input.substring(start, pos);
            Type type = KEYWORDS.contains(word) ? Type.KEYWORD
                    : word.equals("true") || word.equals("false") ? Type.BOOL
                    : word.equals("nil") ? Type.NIL : Type.IDENTIFIER;
            emit(type, start);
        } else {
            throw new Parser.Failure(start, "unrecognized character in action: " + Quoting.goQuoteRune(c));
        }
    }

    private int scanWord() {
        int start = pos;
        while (pos < input.length() && isWordChar(input.charAt(pos))) {
            pos++;
        }
        return pos - start;
    }

    private void lexQuoted(char quote, Type type, String unterminated) {
        int start = pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new Parser.Failure(start, unterminated);
            }
            char c = input.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == quote) {
                break;
            }
        }
        emit(type, start);
    }

    private void lexNumber() {
        int start = pos;
        if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
            pos++;
        }
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || isExponentSign(c, start)) {
                pos++;
            } else {
                break;
            }
        }
        if (pos < input.length() && isWordChar(input.charAt(pos))) {
            throw new Parser.Failure(start, "bad number syntax: " + Quoting.goQuote(input.substring(start, pos + 1)));
        }
        emit(Type.NUMBER, start);
    }

    /** A sign right after a decimal exponent (1e-3) or a hexadecimal one (0x1p-2); 0x1e-2 is a subtraction. */
    private boolean isExponentSign(char c, int start) {
        if (c != '+' && c != '-') {
            return false;
        }
        char previous = Character.toLowerCase(input.charAt(pos - 1));
        boolean hex = input.substring(start, pos).toLowerCase().matches("[+-]?0x.*");
        return hex ? previous == 'p' : previous == 'e';
    }

    private void emit(Type type, int start) {
        tokens.add(new Token(type, input.substring(start, pos), start));
    }

    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String stripLeading(String text) {
        int i = 0;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return text.substring(i);
    }

    private static String stripTrailing(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
