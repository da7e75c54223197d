package io.kpipulse.api.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.api.SeededClickHouse;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IndicatorValueReaderTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static SeededClickHouse seeded;

    @BeforeAll
    static void seed() throws Exception {
        seeded = SeededClickHouse.create(CLICKHOUSE, "values");
    }

    private static List<IndicatorValue> read(ValueReadStrategy strategy, String subjectId) {
        return new IndicatorValueReader(seeded.connections(), strategy)
                .read(new ValueSelection(
                        SeededClickHouse.TENANT,
                        List.of("new_policy_premium"),
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 15)),
                        SubjectType.EMPLOYEE,
                        subjectId));
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void newestVersionWinsOverStaleVersionsInsertedLater(ValueReadStrategy strategy) {
        List<IndicatorValue> e1 = read(strategy, "e-1");
        assertEquals(1, e1.size());
        assertEquals(new BigDecimal("12345.670000"), e1.get(0).value());
        assertEquals(30, e1.get(0).version());
        assertEquals(LocalDate.of(2026, 3, 31), e1.get(0).windowEnd());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aNullNewestValueIsKeptNotReplacedByAnOlderNumber(ValueReadStrategy strategy) {
        List<IndicatorValue> e4 = read(strategy, "e-4");
        assertEquals(1, e4.size());
        assertNull(e4.get(0).value());
        assertEquals(70, e4.get(0).version());
    }

    @Test
    void finalAndArgMaxGiveTheSameAnswer() {
        Comparator<IndicatorValue> bySubject = Comparator.comparing(IndicatorValue::subjectId);
        List<IndicatorValue> viaFinal =
                read(ValueReadStrategy.FINAL, null).stream().sorted(bySubject).toList();
        List<IndicatorValue> viaArgMax =
                read(ValueReadStrategy.ARG_MAX, null).stream().sorted(bySubject).toList();
        assertEquals(5, viaFinal.size());
        assertEquals(viaFinal, viaArgMax);
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void sqlInSubjectIdIsOnlyEverAValue(ValueReadStrategy strategy) throws Exception {
        long before = seeded.count("indicator_values");
        assertTrue(read(strategy, "e-1' OR '1'='1").isEmpty());
        assertTrue(read(strategy, "x'; DROP TABLE indicator_values; --").isEmpty());
        assertTrue(read(strategy, "e-1\\' OR 1=1 --").isEmpty());
        assertEquals(before, seeded.count("indicator_values"));
    }
}
