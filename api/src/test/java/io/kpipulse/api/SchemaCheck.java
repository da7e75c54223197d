package io.kpipulse.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON answer against a schema of the OpenAPI document: the subset of JSON Schema the document
 * uses ({@code $ref}, {@code type} with {@code "null"}, {@code properties}, {@code required},
 * {@code items}, {@code enum}, {@code oneOf}, {@code additionalProperties}, {@code pattern}, the date
 * formats). An object schema with {@code properties} is closed: a field the document does not name is a
 * difference too, so the document cannot fall behind the code in either direction.
 */
final class SchemaCheck {

    private final Map<String, Object> document;
    private final List<String> problems = new ArrayList<>();

    SchemaCheck(Map<String, Object> document) {
        this.document = document;
    }

    List<String> check(Object schema, JsonNode value, String at) {
        problems.clear();
        visit(schema, value, at);
        return List.copyOf(problems);
    }

    /** The object a local reference ({@code #/components/...}) points at, or null. */
    Object resolve(String ref) {
        Object node = document;
        for (String part : ref.substring(2).split("/")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private void visit(Object schemaObject, JsonNode value, String at) {
        Map<String, Object> schema = (Map<String, Object>) schemaObject;
        if (schema.containsKey("$ref")) {
            visit(resolve((String) schema.get("$ref")), value, at);
            return;
        }
        if (schema.containsKey("oneOf")) {
            int matches = 0;
            for (Object option : (List<Object>) schema.get("oneOf")) {
                if (new SchemaCheck(document).check(option, value, at).isEmpty()) {
                    matches++;
                }
            }
            if (matches != 1) {
                problems.add(at + ": matches " + matches + " of the oneOf options, not exactly one");
            }
            return;
        }
        List<String> types = types(schema.get("type"));
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null")) {
                problems.add(at + ": null where the document says " + types);
            }
            return;
        }
        if (!types.isEmpty() && types.stream().noneMatch(t -> is(t, value))) {
            problems.add(at + ": " + value.getNodeType() + " where the document says " + types);
            return;
        }
        if (schema.containsKey("enum") && !enumContains((List<Object>) schema.get("enum"), value)) {
            problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isTextual()) {
            text(schema, value.asText(), at);
        }
        if (value.isArray() && schema.containsKey("items")) {
            for (int i = 0; i < value.size(); i++) {
                visit(schema.get("items"), value.get(i), at + "[" + i + "]");
            }
        }
        if (value.isObject()) {
            object(schema, value, at);
        }
    }

    @SuppressWarnings("unchecked")
    private void object(Map<String, Object> schema, JsonNode value, String at) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
            if (!value.has((String) required)) {
                problems.add(at + ": lacks required field '" + required + "'");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = at + "." + field.getKey();
            if (properties.containsKey(field.getKey())) {
                visit(properties.get(field.getKey()), field.getValue(), path);
            } else if (schema.get("additionalProperties") instanceof Map<?, ?> extra) {
                visit(extra, field.getValue(), path);
            } else if (!properties.isEmpty()) {
                problems.add(path + ": a field the document does not describe");
            }
        }
    }

    private void text(Map<String, Object> schema, String text, String at) {
        Object pattern = schema.get("pattern");
        if (pattern != null && !Pattern.compile((String) pattern).matcher(text).find()) {
            problems.add(at + ": '" + text + "' does not match " + pattern);
        }
        try {
            if ("date".equals(schema.get("format"))) {
                LocalDate.parse(text);
            } else if ("date-time".equals(schema.get("format"))) {
                Instant.parse(text);
            }
        } catch (DateTimeParseException e) {
            problems.add(at + ": '" + text + "' is not a " + schema.get("format"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> types(Object type) {
        if (type == null) {
            return List.of();
        }
        return type instanceof List<?> list ? (List<String>) list : List.of((String) type);
    }

    private static boolean is(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("type '" + type + "' is not JSON Schema");
        };
    }

    private static boolean enumContains(List<Object> options, JsonNode value) {
        for (Object option : options) {
            if (option != null && option.toString().equals(value.asText())) {
                return true;
            }
        }
        return false;
    }
}
