package io.sluice.api.template;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Go numbers in templates: literals as Go reads them, ints and floats kept apart as Go's kinds are. */
final class Numbers {
    private Numbers() {
    }

    /** A number literal: a Long for integers (decimal, 0x, 0o, 0b, leading-0 octal, '_' separators) or a Double. */
    static Object parse(Lexer.Token token) {
        String text = token.text().replace("_", "");
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        try {
            String lower = digits.toLowerCase();
            if (lower.endsWith("i")) {
                throw new Parser.Failure(token.pos(), "complex number " + token.text() + " is not supported");
            }
            BigInteger integer = null;
            if (lower.startsWith("0x")) {
                if (lower.contains("p") || lower.contains(".")) {
                    double value = Double.parseDouble(lower.contains("p") ? lower : lower + "p0");
                    return negative ? -value : value;
                }
                integer = new BigInteger(lower.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                integer = new BigInteger(lower.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                integer = new BigInteger(lower.substring(2), 2);
            } else if (lower.contains(".") || lower.contains("e") || lower.contains("inf") || lower.contains("nan")) {
                if (!lower.matches("[0-9]*\\.?[0-9]*(e[+-]?[0-9]+)?")) {
                    throw new NumberFormatException(text);
                }
                double value = Double.parseDouble(lower);
                return negative ? -value : value;
            } else {
                integer = lower.length() > 1 && lower.startsWith("0") ? new BigInteger(lower.substring(1), 8) : new BigInteger(lower);
            }
            if (negative) {
                integer = integer.negate();
            }
            return integer.longValueExact();
        } catch (NumberFormatException | ArithmeticException bad) {
            throw new Parser.Failure(token.pos(), "bad number syntax: " + Quoting.goQuote(token.text()));
        }
    }

    static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    static boolean isFloat(Object value) {
        return value instanceof Double || value instanceof Float || value instanceof BigDecimal;
    }

    static BigInteger bigInteger(Object value) {
        return value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
    }

    /** Go's %v (strconv 'g', shortest precision, exponent form from 1e+06 on) for a float64: 15.1, 3, 1e+06. */
    static String formatFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return sign + decimal.abs().toPlainString();
    }
}
