package io.sluice.api.template;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which plain scalars a YAML 1.1 reader (go-yaml v2, kyaml) takes for something other than a string: booleans
 * such as {@code yes}/{@code off}, nulls, integers, floats, base-60 numbers and timestamps. Writers quote
 * such strings so that they stay strings.
 */
public final class Yaml11Scalars {
    private static final Set<String> WORDS = Set.of(
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
            "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL",
            ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN");
    private static final Pattern INTEGER = Pattern.compile(
            "[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern BASE_60 = Pattern.compile("[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

    private Yaml11Scalars() {
    }

    /** True when {@code value}, written as a plain scalar, would not be read back as this string. */
    public static boolean readsAsNonString(String value) {
        return value.isEmpty() || WORDS.contains(value) || INTEGER.matcher(value).matches()
                || FLOAT.matcher(value).matches() || BASE_60.matcher(value).matches()
                || TIMESTAMP.matcher(value).matches();
    }

    /** True when {@code value} can be written as a plain scalar in block context and read back unchanged. */
    public static boolean canBePlain(String value) {
        if (readsAsNonString(value) || value.contains("\n") || value.contains(": ") || value.contains(" #")
                || value.endsWith(":") || Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1))) {
            return false;
        }
        char first = value.charAt(0);
        if (",[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
            return false;
        }
        boolean indicator = "-?:".indexOf(first) >= 0;
        return !(indicator && (value.length() == 1 || value.charAt(1) == ' '))
                && value.chars().allMatch(ch -> ch >= ' ' && ch != 0x7f || ch == '\t');
    }
}
