package io.kpipulse.bench.baseline;

import io.kpipulse.sink.TableWriter;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.types.Row;

/** The baseline's rows (the values query's columns, in order) into {@code baseline_values} through our sink. */
final class BaselineValuesTable implements TableWriter<Row> {

    private static final long serialVersionUID = 1L;

    @Override
    public String table() {
        return "baseline_values";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tenant_id",
                "indicator_id",
                "subject_type",
                "subject_id",
                "window_type",
                "window_start",
                "numerator",
                "denominator",
                "value",
                "items");
    }

    @Override
    public void bind(PreparedStatement statement, Row row) throws SQLException {
        for (int i = 0; i < 5; i++) {
            statement.setString(i + 1, (String) row.getField(i));
        }
        statement.setObject(6, LocalDate.parse((String) row.getField(5)));
        statement.setBigDecimal(7, (BigDecimal) row.getField(6));
        statement.setBigDecimal(8, (BigDecimal) row.getField(7));
        BigDecimal value = (BigDecimal) row.getField(8);
        if (value == null) {
            statement.setNull(9, Types.DECIMAL);
        } else {
            statement.setBigDecimal(9, value);
        }
        statement.setLong(10, (Long) row.getField(9));
    }
}
