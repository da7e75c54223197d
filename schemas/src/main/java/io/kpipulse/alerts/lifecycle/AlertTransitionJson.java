package io.kpipulse.alerts.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpipulse.alerts.rules.Severity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The JSON value of a {@code kpi.alerts} record; decimals as strings, so no digit is lost. */
public final class AlertTransitionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertTransitionJson() {}

    public static String write(AlertTransition t) {
        return tree(t).toString();
    }

    public static ObjectNode tree(AlertTransition t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("idempotencyKey", t.idempotencyKey());
        n.put("tenantId", t.tenantId());
        n.put("ruleId", t.ruleId());
        n.put("ruleVersion", t.ruleVersion());
        n.put("groupId", t.groupId());
        n.put("sequence", t.sequence());
        n.put("kind", t.kind().name());
        n.put("severity", t.severity().name());
        n.put("indicatorId", t.indicatorId());
        n.put("windowType", t.windowType());
        n.put("windowStart", t.windowStart() == null ? null : t.windowStart().toString());
        n.put("windowEnd", t.windowEnd() == null ? null : t.windowEnd().toString());
        n.put("subjectType", t.subjectType());
        n.put("subjectId", t.subjectId());
        ArrayNode path = n.putArray("departmentPath");
        t.departmentPath().forEach(path::add);
        decimal(n, "value", t.value());
        decimal(n, "indicatorValue", t.indicatorValue());
        decimal(n, "threshold", t.threshold());
        decimal(n, "target", t.target());
        decimal(n, "previousValue", t.previousValue());
        n.put("membersFiring", t.membersFiring());
        n.put("eventTime", t.eventTime());
        n.put("emittedAt", t.emittedAt());
        return n;
    }

    public static AlertTransition parse(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an alert transition: " + e.getOriginalMessage(), e);
        }
        List<String> path = new ArrayList<>();
        n.path("departmentPath").forEach(p -> path.add(p.asText()));
        return new AlertTransition(
                n.path("tenantId").asText(),
                n.path("ruleId").asText(),
                n.path("ruleVersion").asLong(),
                n.path("groupId").asText(),
                n.path("sequence").asLong(),
                TransitionKind.valueOf(n.path("kind").asText()),
                Severity.valueOf(n.path("severity").asText()),
                n.path("indicatorId").asText(),
                n.path("windowType").asText(),
                date(n, "windowStart"),
                date(n, "windowEnd"),
                n.path("subjectType").asText(),
                n.path("subjectId").asText(),
                List.copyOf(path),
                decimal(n, "value"),
                decimal(n, "indicatorValue"),
                decimal(n, "threshold"),
                decimal(n, "target"),
                decimal(n, "previousValue"),
                n.path("membersFiring").asInt(),
                n.path("eventTime").asLong(),
                n.path("emittedAt").asLong());
    }

    private static void decimal(ObjectNode n, String field, BigDecimal v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, v.toPlainString());
        }
    }

    private static LocalDate date(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : LocalDate.parse(v.asText());
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : new BigDecimal(v.asText());
    }
}
