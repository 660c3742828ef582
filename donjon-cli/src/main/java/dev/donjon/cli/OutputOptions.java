package dev.donjon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output as the OpenStack client formats it: {@code table} (aligned columns; Field/Value for one object),
 * {@code json} (the server's documents) or {@code value} (values only, for scripts).
 */
final class OutputOptions {
    enum Format { table, json, value }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = {"-f", "--format"}, defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    /** One object: its fields, and the server's JSON document for {@code -f json}. */
    void one(Map<String, Object> fields, JsonNode json) {
        PrintStream out = System.out;
        switch (format) {
            case json -> out.println(write(json));
            case value -> fields.values().forEach(value -> out.println(text(value)));
            case table -> {
                List<List<String>> rows = new ArrayList<>();
                fields.forEach((name, value) -> rows.add(List.of(name, text(value))));
                table(List.of("Field", "Value"), rows);
            }
        }
    }

    /** Several objects, one row each with the same fields. */
    private void many(List<Map<String, Object>> rows, List<JsonNode> json) {
        PrintStream out = System.out;
        switch (format) {
            case json -> {
                ArrayNode array = JSON.createArrayNode();
                json.forEach(array::add);
                out.println(write(array));
            }
            case value -> rows.forEach(row -> out.println(String.join(" ",
                    row.values().stream().map(OutputOptions::text).toList())));
            case table -> {
                List<String> header = rows.isEmpty() ? List.of() : new ArrayList<>(rows.getFirst().keySet());
                List<List<String>> cells = rows.stream()
                        .map(row -> row.values().stream().map(OutputOptions::text).toList()).toList();
                if (!header.isEmpty()) {
                    table(header, cells);
                }
            }
        }
    }

    /** A page of a list: one row per item, or the items' JSON documents. */
    <T> void page(dev.donjon.client.ListPage<T> page, java.util.function.Function<T, Map<String, Object>> row,
                  java.util.function.Function<T, JsonNode> json) {
        many(page.items().stream().map(row).toList(), page.items().stream().map(json).toList());
    }

    static Map<String, Object> fields(Object... nameValuePairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            fields.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return fields;
    }

    private static void table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        print(header, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append(rule.isEmpty() ? "" : "  ").append("-".repeat(width));
        }
        System.out.println(rule);
        rows.forEach(row -> print(row, widths));
    }

    private static void print(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s", cells.get(i)));
        }
        System.out.println(line);
    }

    private static String text(Object value) {
        return value == null ? "None" : value.toString();
    }

    private static String write(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
