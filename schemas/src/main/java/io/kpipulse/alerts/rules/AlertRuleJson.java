package io.kpipulse.alerts.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.config.DurationText;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The JSON form of a rule: the control-topic value, the API's request and response body. Durations are
 * written ISO-8601 and read as ISO-8601 or {@code 30s}/{@code 5m}/{@code 2h}/{@code 1d}; thresholds are
 * decimal strings or numbers. Every error names the field.
 */
public final class AlertRuleJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertRuleJson() {}

    public static String write(AlertRule r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", r.ruleId());
        n.put("tenantId", r.tenantId());
        n.put("version", r.version());
        n.put("name", r.name());
        n.put("indicatorId", r.indicatorId());
        n.put("windowType", r.windowType().name());
        n.put("subjectType", r.subjectType().name());
        n.put("departmentId", r.departmentId());
        ObjectNode c = n.putObject("condition");
        AlertCondition k = r.condition();
        c.put("measure", k.measure().name());
        if (k.comparison() != null) {
            c.put("comparison", k.comparison().name());
        }
        if (k.threshold() != null) {
            c.put("threshold", k.threshold().toPlainString());
        }
        c.put("againstTarget", k.againstTarget());
        if (k.resolveThreshold() != null) {
            c.put("resolveThreshold", k.resolveThreshold().toPlainString());
        }
        c.put("consecutiveWindows", k.consecutiveWindows());
        if (k.measure() == Measure.NO_DATA) {
            c.put("noDataFor", Duration.ofMillis(k.noDataMillis()).toString());
        }
        n.put("severity", r.severity().name());
        n.put("pendingFor", Duration.ofMillis(r.pendingMillis()).toString());
        n.put("keepFiringFor", Duration.ofMillis(r.keepFiringMillis()).toString());
        n.put("grouping", r.grouping().name());
        if (r.ownerId() != null) {
            n.put("ownerId", r.ownerId());
        }
        n.put("enabled", r.enabled());
        return n.toString();
    }

    /** A whole rule as the control topic carries it. */
    public static AlertRule parse(String json) {
        JsonNode n = tree(json);
        return read(
                n,
                text(n, "tenantId", null),
                text(n, "id", null),
                n.path("version").asLong(0),
                text(n, "ownerId", null));
    }

    public static JsonNode tree(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new AlertRuleException("body", "must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new AlertRuleException("body", "is not valid JSON");
        }
    }

    /** A rule from a request body; identity, version and owner are the server's, whatever the body says. */
    public static AlertRule read(JsonNode n, String tenantId, String ruleId, long version, String ownerId) {
        JsonNode c = n.path("condition");
        if (!c.isObject()) {
            throw new AlertRuleException("condition", "is required (an object)");
        }
        AlertCondition condition = new AlertCondition(
                enumOf(Measure.class, c, "measure", "condition.measure", null),
                enumOf(Comparison.class, c, "comparison", "condition.comparison", null),
                decimal(c, "threshold", "condition.threshold"),
                c.path("againstTarget").asBoolean(false),
                decimal(c, "resolveThreshold", "condition.resolveThreshold"),
                c.path("consecutiveWindows").asInt(1),
                millis(c, "noDataFor", "condition.noDataFor"));
        return new AlertRule(
                tenantId,
                ruleId,
                version,
                text(n, "name", null),
                text(n, "indicatorId", null),
                enumOf(WindowType.class, n, "windowType", "windowType", null),
                enumOf(SubjectType.class, n, "subjectType", "subjectType", SubjectType.EMPLOYEE),
                text(n, "departmentId", null),
                condition,
                enumOf(Severity.class, n, "severity", "severity", Severity.WARNING),
                millis(n, "pendingFor", "pendingFor"),
                millis(n, "keepFiringFor", "keepFiringFor"),
                enumOf(Grouping.class, n, "grouping", "grouping", Grouping.SUBJECT),
                ownerId,
                n.path("enabled").asBoolean(true));
    }

    private static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n, String field, String path, E fallback) {
        String raw = text(n, field, null);
        if (raw == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AlertRuleException(path, "unknown value '" + raw + "'");
        }
    }

    private static BigDecimal decimal(JsonNode n, String field, String path) {
        String raw = text(n, field, null);
        if (raw == null) {
            return null;
        }
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new AlertRuleException(path, "is not a number");
        }
    }

    private static long millis(JsonNode n, String field, String path) {
        String raw = text(n, field, null);
        if (raw == null) {
            return 0;
        }
        try {
            return DurationText.parse(raw).toMillis();
        } catch (RuntimeException e) {
            throw new AlertRuleException(path, "is not a duration such as 30s, 5m, 2h, 1d or PT5M");
        }
    }
}
