package io.kpipulse.api.indicators;

import io.kpipulse.api.storage.Connections;
import io.kpipulse.api.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads the newest version of indicator values for a {@link ValueSelection}, with bound parameters only. */
public final class IndicatorValueReader {

    private final Connections connections;
    private final ValueReadStrategy strategy;

    public IndicatorValueReader(Connections connections, ValueReadStrategy strategy) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    public ValueReadStrategy strategy() {
        return strategy;
    }

    public List<IndicatorValue> read(ValueSelection selection) {
        boolean oneSubject = selection.subjectId() != null;
        List<Object> params = new ArrayList<>();
        params.add(selection.tenantId());
        params.addAll(selection.indicatorIds());
        params.add(selection.window().type().name());
        params.add(selection.window().start());
        params.add(selection.subjectType().name());
        if (oneSubject) {
            params.add(selection.subjectId());
        }
        String sql = strategy.sql(selection.indicatorIds().size(), oneSubject);
        return Sql.query(connections, sql, params, rs -> row(rs, selection));
    }

    private static IndicatorValue row(ResultSet rs, ValueSelection selection) throws SQLException {
        return new IndicatorValue(
                rs.getString("indicator_id"),
                selection.subjectType(),
                rs.getString("subject_id"),
                Sql.date(rs, "start_day"),
                Sql.date(rs, "end_day"),
                Sql.decimal(rs, "value"),
                Sql.decimal(rs, "numerator"),
                Sql.decimal(rs, "denominator"),
                Sql.decimal(rs, "target"),
                Sql.decimal(rs, "attainment"),
                rs.getLong("event_count"),
                Sql.epochMillis(rs, "last_event_ms"),
                rs.getLong("catalog_version"),
                rs.getLong("newest_version"));
    }
}
