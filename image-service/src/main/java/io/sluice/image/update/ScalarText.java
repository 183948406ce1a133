package io.sluice.image.update;

import io.sluice.api.template.Yaml11Scalars;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;

/** A new scalar value written in the style of the one it replaces. */
final class ScalarText {
    private ScalarText() {
    }

    /**
     * Quoted values keep their quotes; a plain value stays plain unless the new text would read as
     * something else (a number, a boolean) or is not valid plain YAML, and then it is double-quoted, as
     * kyaml's setters do.
     */
    static String write(ScalarStyle style, String value) {
        if (style == ScalarStyle.SINGLE_QUOTED) {
            return "'" + value.replace("'", "''") + "'";
        }
        if (style == ScalarStyle.PLAIN && Yaml11Scalars.canBePlain(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
