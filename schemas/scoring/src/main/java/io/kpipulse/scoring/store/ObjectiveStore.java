package io.kpipulse.scoring.store;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import io.kpipulse.scoring.json.DefinitionJson;
import io.kpipulse.scoring.json.ObjectiveJson;
import io.kpipulse.scoring.mbo.ObjectiveSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * MBO objective sets in ClickHouse (V011 {@code mbo_objectives}): a save appends the whole set as a new
 * version; the newest version per subject and period is in force. Callers validate before saving.
 */
public final class ObjectiveStore {

    private final Connections connections;
    private final Clock clock;
    private final Versions versions;

    public ObjectiveStore(Connections connections, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.versions = new Versions(clock);
    }

    public Versioned<ObjectiveSet> save(String tenantId, ObjectiveSet set, String savedBy) {
        long version = versions.next();
        Instant at = clock.instant();
        Sql.execute(
                connections,
                "INSERT INTO mbo_objectives (tenant_id, period, subject_type, subject_id, version, definition,"
                        + " saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, fromUnixTimestamp64Milli(toInt64(?), 'UTC'))",
                List.of(
                        tenantId,
                        set.period(),
                        set.subjectType().name(),
                        set.subjectId(),
                        version,
                        DefinitionJson.text(ObjectiveJson.json(set)),
                        savedBy,
                        at.toEpochMilli()));
        return new Versioned<>(set, Period.parse(set.period()).start(), version, savedBy, at);
    }

    /** The set in force for one subject and period. */
    public Optional<Versioned<ObjectiveSet>> find(
            String tenantId, String period, SubjectType subjectType, String subjectId) {
        return Optional.ofNullable(
                find(tenantId, period, subjectType, List.of(subjectId)).get(subjectId));
    }

    /** The sets in force for several subjects of one type (a head chain's departments), by subject id. */
    public Map<String, Versioned<ObjectiveSet>> find(
            String tenantId, String period, SubjectType subjectType, Collection<String> subjectIds) {
        Map<String, Versioned<ObjectiveSet>> out = new HashMap<>();
        if (subjectIds.isEmpty()) {
            return out;
        }
        List<Object> params = new java.util.ArrayList<>(List.of(tenantId, period, subjectType.name()));
        params.addAll(subjectIds);
        Sql.query(
                connections,
                "SELECT subject_id, version, definition, saved_by, toUnixTimestamp64Milli(saved_at) AS saved_ms"
                        + " FROM mbo_objectives WHERE tenant_id = ? AND period = ? AND subject_type = ?"
                        + " AND subject_id IN (" + Sql.placeholders(subjectIds.size()) + ")"
                        + " ORDER BY subject_id, version DESC LIMIT 1 BY subject_id",
                params,
                rs -> out.put(
                        rs.getString("subject_id"),
                        new Versioned<>(
                                ObjectiveJson.objectiveSet(
                                        DefinitionJson.tree(rs.getString("definition")),
                                        subjectType,
                                        rs.getString("subject_id"),
                                        period),
                                Period.parse(period).start(),
                                rs.getLong("version"),
                                rs.getString("saved_by"),
                                Instant.ofEpochMilli(rs.getLong("saved_ms")))));
        return out;
    }
}
