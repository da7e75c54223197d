package io.kpipulse.pipeline.tables;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

/** {@code alert_events}: one row per alert transition; a replay rewrites the same (rule, group, sequence). */
public final class AlertEventsTable implements TableWriter<AlertTransition> {

    private static final long serialVersionUID = 1L;

    @Override
    public String table() {
        return "alert_events";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tenant_id",
                "rule_id",
                "rule_version",
                "group_id",
                "sequence",
                "idempotency_key",
                "kind",
                "severity",
                "indicator_id",
                "window_type",
                "window_start",
                "window_end",
                "subject_type",
                "subject_id",
                "department_id",
                "department_path",
                "value",
                "indicator_value",
                "threshold",
                "target",
                "previous_value",
                "members_firing",
                "event_time",
                "emitted_at");
    }

    @Override
    public void bind(PreparedStatement ps, AlertTransition t) throws SQLException {
        ps.setString(1, t.tenantId());
        ps.setString(2, t.ruleId());
        ps.setLong(3, t.ruleVersion());
        ps.setString(4, t.groupId());
        ps.setLong(5, t.sequence());
        ps.setString(6, t.idempotencyKey());
        ps.setString(7, t.kind().name());
        ps.setString(8, t.severity().name());
        ps.setString(9, t.indicatorId());
        ps.setString(10, t.windowType());
        date(ps, 11, t.windowStart());
        date(ps, 12, t.windowEnd());
        ps.setString(13, t.subjectType());
        ps.setString(14, t.subjectId());
        ps.setString(15, Columns.orEmpty(t.departmentId()));
        ps.setString(16, String.join(",", t.departmentPath()));
        Columns.decimal(ps, 17, t.value());
        Columns.decimal(ps, 18, t.indicatorValue());
        Columns.decimal(ps, 19, t.threshold());
        Columns.decimal(ps, 20, t.target());
        Columns.decimal(ps, 21, t.previousValue());
        ps.setInt(22, t.membersFiring());
        Columns.utc(ps, 23, Math.max(0, t.eventTime()));
        Columns.utc(ps, 24, t.emittedAt());
    }

    /** A rule deleted while its alert fired resolves the alert without a window. */
    private static void date(PreparedStatement ps, int index, LocalDate day) throws SQLException {
        if (day == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, day);
        }
    }
}
