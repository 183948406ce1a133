package io.sluice.cli.get;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.events.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints records as a table for people, or as JSON or YAML for scripts ({@code -o}). */
public enum Output {
    TABLE, JSON, YAML;

    public static Output parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + name + "': use table, json or yaml");
        }
    }

    public <T extends Record> void print(List<T> rows, Class<T> type, PrintStream out) {
        try {
            switch (this) {
                case JSON -> out.println(Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(rows));
                case YAML -> out.print(new YAMLMapper().writeValueAsString(rows));
                case TABLE -> printTable(rows, type, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends Record> void printTable(List<T> rows, Class<T> type, PrintStream out) {
        RecordComponent[] columns = type.getRecordComponents();
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[columns.length];
        for (int c = 0; c < columns.length; c++) {
            // "initiatedBy" heads its column as "INITIATED BY"
            header[c] = columns[c].getName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        }
        cells.add(header);
        for (T row : rows) {
            String[] line = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                try {
                    Object value = columns[c].getAccessor().invoke(row);
                    line[c] = value == null ? "" : value.toString().replace('\n', ' ');
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            cells.add(line);
        }
        int[] widths = new int[columns.length];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                boolean last = c == line.length - 1;
                text.append(last ? line[c] : String.format("%-" + widths[c] + "s   ", line[c]));
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
