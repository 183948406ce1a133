package io.sluice.api.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Go's fmt.Sprintf for printf: the verbs %v %+v %s %d %q %x %X %o %b %c %t %e %f %g %T and %%, flags
 * {@code - + # 0 space}, width and precision, and Go's in-band errors: {@code %!d(string=x)} for a wrong
 * type, {@code %!d(MISSING)}, {@code %!(EXTRA int=1)}.
 */
final class Formatter {
    private Formatter() {
    }

    private static final class Spec {
        boolean minus;
        boolean plus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int precision = -1;
        char verb;
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            Spec spec = new Spec();
            while (i < format.length() && "-+# 0".indexOf(format.charAt(i)) >= 0) {
                switch (format.charAt(i++)) {
                    case '-' -> spec.minus = true;
                    case '+' -> spec.plus = true;
                    case '#' -> spec.sharp = true;
                    case ' ' -> spec.space = true;
                    default -> spec.zero = true;
                }
            }
            int start = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                i++;
            }
            if (i > start) {
                spec.width = Integer.parseInt(format.substring(start, i));
            }
            if (i < format.length() && format.charAt(i) == '.') {
                start = ++i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                spec.precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            spec.verb = format.charAt(i++);
            if (spec.verb == '%') {
                out.append('%');
            } else if (argIndex >= args.size()) {
                out.append("%!").append(spec.verb).append("(MISSING)");
            } else {
                out.append(pad(spec, format(spec, args.get(argIndex++))));
            }
        }
        if (argIndex < args.size()) {
            out.append(args.subList(argIndex, args.size()).stream()
                    .map(arg -> arg == null ? "<nil>" : GoValues.typeName(arg) + "=" + GoValues.print(arg, false))
                    .collect(Collectors.joining(", ", "%!(EXTRA ", ")")));
        }
        return out.toString();
    }

    private static String format(Spec spec, Object arg) {
        char verb = spec.verb;
        if (verb == 'T') {
            return GoValues.typeName(arg);
        }
        if (verb == 'v') {
            return arg instanceof Number && !(arg instanceof BigDecimal) ? number(spec, arg) : GoValues.print(arg, spec.plus);
        }
        if (arg instanceof Map<?, ?> map && "sdqxXobt".indexOf(verb) >= 0) {
            return GoValues.sortedEntries(map).stream()
                    .map(entry -> format(spec, entry.getKey()) + ":" + format(spec, entry.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        List<?> list = arg instanceof String ? null : GoValues.asList(arg);
        if (list != null && "sdqxXobt".indexOf(verb) >= 0) {
            return list.stream().map(item -> format(spec, item)).collect(Collectors.joining(" ", "[", "]"));
        }
        if (arg instanceof Stringer stringer && "sqxX".indexOf(verb) >= 0) {
            return string(spec, stringer.asString());
        }
        if (arg instanceof String string && "sqxX".indexOf(verb) >= 0) {
            return string(spec, string);
        }
        if (arg instanceof Boolean && verb == 't') {
            return arg.toString();
        }
        if (arg instanceof Number && !(arg instanceof BigDecimal)
                && (Numbers.isInteger(arg) ? "dboxXcqU" : "eEfFgG").indexOf(verb) >= 0) {
            return number(spec, arg);
        }
        return bad(verb, arg);
    }

    private static String bad(char verb, Object arg) {
        if (arg == null) {
            return "%!" + verb + "(<nil>)";
        }
        return "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.print(arg, false) + ")";
    }

    private static String string(Spec spec, String value) {
        String text = value;
        if (spec.precision >= 0 && text.codePointCount(0, text.length()) > spec.precision) {
            text = text.substring(0, text.offsetByCodePoints(0, spec.precision));
        }
        return switch (spec.verb) {
            case 'q' -> spec.sharp && !text.contains("`") && text.chars().allMatch(ch -> ch >= ' ' || ch == '\t')
                    ? "`" + text + "`" : Quoting.goQuote(text);
            case 'x', 'X' -> {
                String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
                yield spec.verb == 'X' ? hex.toUpperCase() : hex;
            }
            default -> text;
        };
    }

    private static String number(Spec spec, Object arg) {
        if (!Numbers.isInteger(arg)) {
            double value = ((Number) arg).doubleValue();
            String text = switch (spec.verb) {
                case 'e', 'E' -> String.format(Locale.ROOT, "%." + (spec.precision < 0 ? 6 : spec.precision) + "e", value);
                case 'f', 'F' -> String.format(Locale.ROOT, "%." + (spec.precision < 0 ? 6 : spec.precision) + "f", value);
                default -> spec.precision < 0 ? Numbers.formatFloat(value) : significant(value, spec.precision);
            };
            text = spec.verb == 'E' || spec.verb == 'G' ? text.toUpperCase() : text;
            return signed(spec, text);
        }
        BigInteger value = Numbers.bigInteger(arg);
        return switch (spec.verb) {
            case 'c' -> new String(Character.toChars(value.intValue()));
            case 'q' -> Quoting.goQuoteRune(value.intValue());
            case 'U' -> String.format("U+%04X", value);
            case 'x' -> signed(spec, (spec.sharp ? "0x" : "") + value.abs().toString(16), value.signum());
            case 'X' -> signed(spec, (spec.sharp ? "0X" : "") + value.abs().toString(16).toUpperCase(), value.signum());
            case 'o' -> signed(spec, (spec.sharp ? "0" : "") + value.abs().toString(8), value.signum());
            case 'b' -> signed(spec, value.abs().toString(2), value.signum());
            default -> signed(spec, value.abs().toString(), value.signum());
        };
    }

    /** %.Ng: N significant digits, trailing zeros dropped, exponent form when the exponent is < -4 or >= N. */
    private static String significant(double value, int precision) {
        int digits = Math.max(precision, 1);
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
        int exponent = rounded.precision() - 1 - rounded.scale();
        if (exponent < -4 || exponent >= digits) {
            String mantissa = rounded.unscaledValue().abs().toString();
            mantissa = mantissa.length() == 1 ? mantissa : mantissa.charAt(0) + "." + mantissa.substring(1);
            return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return rounded.toPlainString();
    }

    private static String signed(Spec spec, String text) {
        if (text.startsWith("-")) {
            return signed(spec, text.substring(1), -1);
        }
        return signed(spec, text, 1);
    }

    private static String signed(Spec spec, String digits, int signum) {
        String sign = signum < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        if (spec.zero && !spec.minus && spec.width > sign.length() + digits.length()) {
            return sign + "0".repeat(spec.width - sign.length() - digits.length()) + digits;
        }
        return sign + digits;
    }

    private static String pad(Spec spec, String text) {
        int length = text.codePointCount(0, text.length());
        if (spec.width <= length) {
            return text;
        }
        String padding = " ".repeat(spec.width - length);
        return spec.minus ? text + padding : padding + text;
    }
}
