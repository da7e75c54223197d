package io.kpipulse.scoring.store;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import io.kpipulse.scoring.bonus.BonusPlan;
import io.kpipulse.scoring.card.ManagerRating;
import io.kpipulse.scoring.card.Scorecard;
import io.kpipulse.scoring.json.DefinitionJson;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scoring definitions and manager ratings in ClickHouse (V007): append-only rows, newest version of the
 * newest effective date in force wins. Callers validate before saving; the store writes one INSERT per save
 * (a bulk assignment of 70 people is one INSERT of 70 rows), so a save is whole or not at all. Every value is
 * a bound parameter.
 */
public final class ScoringStore {

    private static final String AT = "fromUnixTimestamp64Milli(toInt64(?), 'UTC')";

    private final Connections connections;
    private final Clock clock;
    private final AtomicLong lastVersion = new AtomicLong();

    public ScoringStore(Connections connections, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A version larger than any this store handed out, from the clock's milliseconds: two saves of one key
     * never share a version, and versions sort as the saves happened.
     */
    private long nextVersion() {
        long now = clock.millis();
        return lastVersion.updateAndGet(last -> Math.max(now, last + 1));
    }

    // ---------------------------------------------------------------- templates

    public Versioned<Scorecard> saveTemplate(String tenantId, Scorecard card, LocalDate effectiveFrom, String savedBy) {
        long version = nextVersion();
        Instant at = clock.instant();
        Sql.execute(
                connections,
                "INSERT INTO scorecard_templates (tenant_id, template_id, effective_from, version, definition, saved_by,"
                        + " saved_at) VALUES (?, ?, toDate(?), ?, ?, ?, " + AT + ")",
                List.of(
                        tenantId,
                        card.templateId(),
                        effectiveFrom,
                        version,
                        DefinitionJson.text(DefinitionJson.json(card)),
                        savedBy,
                        at.toEpochMilli()));
        return new Versioned<>(card, effectiveFrom, version, savedBy, at);
    }

    /** Every version of every template effective on or before {@code upTo}, by template id, oldest first. */
    public Map<String, List<Versioned<Scorecard>>> templateVersions(String tenantId, LocalDate upTo) {
        Map<String, List<Versioned<Scorecard>>> out = new LinkedHashMap<>();
        Sql.query(
                connections,
                "SELECT template_id, toString(effective_from) AS effective_day, version, definition, saved_by,"
                        + " toUnixTimestamp64Milli(saved_at) AS saved_ms FROM scorecard_templates"
                        + " WHERE tenant_id = ? AND effective_from <= toDate(?)"
                        + " ORDER BY template_id, effective_from, version",
                List.of(tenantId, upTo),
                rs -> out.computeIfAbsent(rs.getString("template_id"), k -> new ArrayList<>())
                        .add(new Versioned<>(
                                DefinitionJson.scorecard(DefinitionJson.tree(rs.getString("definition")), id -> null),
                                LocalDate.parse(rs.getString("effective_day")),
                                rs.getLong("version"),
                                rs.getString("saved_by"),
                                Instant.ofEpochMilli(rs.getLong("saved_ms")))));
        return out;
    }

    /** Every version of one template, whatever its effective date, oldest first (its history). */
    public List<Versioned<Scorecard>> templateHistory(String tenantId, String templateId) {
        return templateVersions(tenantId, LocalDate.of(9999, 12, 31)).getOrDefault(templateId, List.of());
    }

    // ---------------------------------------------------------------- assignments

    /** One template (or '' to end assignments) for many targets of one type, in one INSERT. */
    public long assign(
            String tenantId,
            AssignmentTarget type,
            Collection<String> targetIds,
            String templateId,
            LocalDate effectiveFrom,
            String savedBy) {
        if (targetIds.isEmpty()) {
            return 0;
        }
        long version = nextVersion();
        long at = clock.millis();
        StringBuilder sql = new StringBuilder("INSERT INTO scorecard_assignments (tenant_id, target_type, target_id,"
                + " effective_from, version, template_id, saved_by, saved_at) VALUES ");
        List<Object> params = new ArrayList<>();
        String sep = "";
        for (String id : targetIds) {
            sql.append(sep).append("(?, ?, ?, toDate(?), ?, ?, ?, ").append(AT).append(')');
            sep = ", ";
            params.addAll(List.of(tenantId, type.name(), id, effectiveFrom, version, templateId, savedBy, at));
        }
        Sql.execute(connections, sql.toString(), params);
        return version;
    }

    /** The template assigned to each target on {@code day}, by target type and id (ended assignments absent). */
    public Map<AssignmentTarget, Map<String, String>> assignments(String tenantId, LocalDate day) {
        Map<AssignmentTarget, Map<String, String>> out = new EnumMap<>(AssignmentTarget.class);
        for (AssignmentTarget t : AssignmentTarget.values()) {
            out.put(t, new HashMap<>());
        }
        Sql.query(
                connections,
                "SELECT target_type, target_id, template_id FROM scorecard_assignments"
                        + " WHERE tenant_id = ? AND effective_from <= toDate(?)"
                        + " ORDER BY target_type, target_id, effective_from DESC, version DESC"
                        + " LIMIT 1 BY target_type, target_id",
                List.of(tenantId, day),
                rs -> {
                    if (!rs.getString("template_id").isEmpty()) {
                        out.get(AssignmentTarget.valueOf(rs.getString("target_type")))
                                .put(rs.getString("target_id"), rs.getString("template_id"));
                    }
                    return null;
                });
        return out;
    }

    // ---------------------------------------------------------------- bonus plans

    public Versioned<BonusPlan> savePlan(String tenantId, BonusPlan plan, LocalDate effectiveFrom, String savedBy) {
        long version = nextVersion();
        Instant at = clock.instant();
        Sql.execute(
                connections,
                "INSERT INTO bonus_plans (tenant_id, department_id, effective_from, version, definition, saved_by,"
                        + " saved_at) VALUES (?, ?, toDate(?), ?, ?, ?, " + AT + ")",
                List.of(
                        tenantId,
                        plan.departmentId(),
                        effectiveFrom,
                        version,
                        DefinitionJson.text(DefinitionJson.json(plan)),
                        savedBy,
                        at.toEpochMilli()));
        return new Versioned<>(plan, effectiveFrom, version, savedBy, at);
    }

    /** Every version of every department's plan effective on or before {@code upTo}, oldest first. */
    public Map<String, List<Versioned<BonusPlan>>> planVersions(String tenantId, LocalDate upTo) {
        Map<String, List<Versioned<BonusPlan>>> out = new LinkedHashMap<>();
        Sql.query(
                connections,
                "SELECT department_id, toString(effective_from) AS effective_day, version, definition, saved_by,"
                        + " toUnixTimestamp64Milli(saved_at) AS saved_ms FROM bonus_plans"
                        + " WHERE tenant_id = ? AND effective_from <= toDate(?)"
                        + " ORDER BY department_id, effective_from, version",
                List.of(tenantId, upTo),
                rs -> out.computeIfAbsent(rs.getString("department_id"), k -> new ArrayList<>())
                        .add(new Versioned<>(
                                DefinitionJson.bonusPlan(DefinitionJson.tree(rs.getString("definition"))),
                                LocalDate.parse(rs.getString("effective_day")),
                                rs.getLong("version"),
                                rs.getString("saved_by"),
                                Instant.ofEpochMilli(rs.getLong("saved_ms")))));
        return out;
    }

    // ---------------------------------------------------------------- manager ratings

    public ManagerRating rate(String tenantId, ManagerRating rating) {
        long version = nextVersion();
        Instant at = clock.instant();
        Sql.execute(
                connections,
                "INSERT INTO manager_ratings (tenant_id, employee_id, period, version, points, out_of, rated_by,"
                        + " rated_at) VALUES (?, ?, ?, ?, toDecimal64(?, 2), toDecimal64(?, 2), ?, " + AT + ")",
                List.of(
                        tenantId,
                        rating.employeeId(),
                        rating.period(),
                        version,
                        rating.points().toPlainString(),
                        rating.outOf().toPlainString(),
                        rating.ratedBy(),
                        at.toEpochMilli()));
        return new ManagerRating(
                rating.employeeId(), rating.period(), rating.points(), rating.outOf(), rating.ratedBy(), at);
    }

    /** The newest rating of every employee rated for the period. */
    public Map<String, ManagerRating> ratings(String tenantId, String period) {
        Map<String, ManagerRating> out = new HashMap<>();
        Sql.query(
                connections,
                "SELECT employee_id, toString(points) AS points, toString(out_of) AS out_of, rated_by,"
                        + " toUnixTimestamp64Milli(rated_at) AS rated_ms FROM manager_ratings"
                        + " WHERE tenant_id = ? AND period = ? ORDER BY employee_id, version DESC LIMIT 1 BY employee_id",
                List.of(tenantId, period),
                rs -> out.put(
                        rs.getString("employee_id"),
                        new ManagerRating(
                                rs.getString("employee_id"),
                                period,
                                new java.math.BigDecimal(rs.getString("points")),
                                new java.math.BigDecimal(rs.getString("out_of")),
                                rs.getString("rated_by"),
                                Instant.ofEpochMilli(rs.getLong("rated_ms")))));
        return out;
    }
}
