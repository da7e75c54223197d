package io.kpipulse.pipeline.tables;

import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** {@code indicator_values}: one row per value change, the highest version wins. */
public final class IndicatorValuesTable implements TableWriter<IndicatorRow> {

    private static final long serialVersionUID = 1L;

    @Override
    public String table() {
        return "indicator_values";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tenant_id",
                "indicator_id",
                "window_type",
                "window_start",
                "window_end",
                "subject_type",
                "subject_id",
                "subject_path",
                "value",
                "numerator",
                "denominator",
                "target",
                "attainment",
                "event_count",
                "last_event_time",
                "catalog_version",
                "version",
                "updated_at");
    }

    @Override
    public void bind(PreparedStatement ps, IndicatorRow r) throws SQLException {
        ps.setString(1, r.tenantId());
        ps.setString(2, r.indicatorId());
        ps.setString(3, r.windowType().name());
        ps.setObject(4, r.windowStart());
        ps.setObject(5, r.windowEnd());
        ps.setString(6, r.subjectType().name());
        ps.setString(7, r.subjectId());
        // The list itself: the row-binary writer takes it for an Array(String), where createArrayOf would
        // parse the type name again for every row.
        ps.setObject(8, r.subjectPath());
        Columns.decimal(ps, 9, r.value());
        Columns.decimal(ps, 10, r.numerator());
        Columns.decimal(ps, 11, r.denominator());
        Columns.decimal(ps, 12, r.target());
        Columns.decimal(ps, 13, r.attainment());
        ps.setLong(14, r.eventCount());
        Columns.utc(ps, 15, Math.max(0, r.lastEventTime()));
        ps.setLong(16, r.catalogVersion());
        ps.setLong(17, r.version());
        Columns.utc(ps, 18, r.computedAtMillis());
    }
}
