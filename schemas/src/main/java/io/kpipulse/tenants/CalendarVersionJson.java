package io.kpipulse.tenants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a calendar version: the control-topic value and the API's answer. Days are ISO dates,
 * instants ISO-8601 UTC. Every error names the field ({@link CalendarVersionException}).
 */
public final class CalendarVersionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CalendarVersionJson() {}

    public static ObjectNode tree(CalendarVersion v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("tenantId", v.tenantId());
        n.put("year", v.year());
        n.put("version", v.version());
        ArrayNode holidays = n.putArray("holidays");
        v.holidays().forEach(d -> holidays.add(d.toString()));
        ArrayNode workdays = n.putArray("makeUpWorkdays");
        v.makeUpWorkdays().forEach(d -> workdays.add(d.toString()));
        n.put("publishedBy", v.publishedBy());
        n.put("publishedAt", v.publishedAt().toString());
        n.put("effectiveFrom", v.effectiveFrom().toString());
        return n;
    }

    public static String write(CalendarVersion v) {
        return tree(v).toString();
    }

    public static CalendarVersion read(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CalendarVersionException("body", "not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new CalendarVersionException("body", "a calendar version is a JSON object");
        }
        return new CalendarVersion(
                text(n, "tenantId"),
                (int) number(n, "year"),
                number(n, "version"),
                new java.util.TreeSet<>(days(n, "holidays")),
                new java.util.TreeSet<>(days(n, "makeUpWorkdays")),
                text(n, "publishedBy"),
                instant(n, "publishedAt"),
                instant(n, "effectiveFrom"));
    }

    /** The days listed under {@code field}: an array of ISO dates; a missing field is no days. */
    public static List<LocalDate> days(JsonNode n, String field) {
        JsonNode list = n.get(field);
        List<LocalDate> days = new ArrayList<>();
        if (list == null || list.isNull()) {
            return days;
        }
        if (!list.isArray()) {
            throw new CalendarVersionException(field, field + " must be a list of dates (yyyy-mm-dd)");
        }
        for (JsonNode day : list) {
            try {
                days.add(LocalDate.parse(day.asText()));
            } catch (DateTimeException e) {
                throw new CalendarVersionException(
                        field, field + ": '" + day.asText() + "' is not a date (yyyy-mm-dd)");
            }
        }
        return days;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new CalendarVersionException(field, field + " is required");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new CalendarVersionException(field, field + " must be a whole number");
        }
        return v.asLong();
    }

    private static Instant instant(JsonNode n, String field) {
        try {
            return Instant.parse(text(n, field));
        } catch (DateTimeException e) {
            throw new CalendarVersionException(field, field + " is not an ISO-8601 instant");
        }
    }
}
