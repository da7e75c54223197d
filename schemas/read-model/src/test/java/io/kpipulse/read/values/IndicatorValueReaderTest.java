package io.kpipulse.read.values;

import static io.kpipulse.read.values.StoredRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One subject's values and scorecards, read both ways (FINAL and argMax) from rows in several versions. */
class IndicatorValueReaderTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final LocalDate MARCH_15 = LocalDate.of(2026, 3, 15);
    static StoredRows stored;

    @BeforeAll
    static void seed() throws Exception {
        stored = StoredRows.create(CLICKHOUSE, "reader_values");
        stored.insert(
                mtd("e-1", "12345.67").target("90000", "0.137174").version(30),
                mtd("e-2", "50000.1").version(50),
                mtd("e-3", "50000.10").version(20),
                mtd("e-4", null).target("90000", null).version(70),
                mtd("e-6", "12345678901234567890123.45").version(10),
                row("t-acme", "policies_issued", "MONTH_TO_DATE", "2026-03-01", "2026-03-31", "EMPLOYEE", "e-1", "3")
                        .target("12", "0.25")
                        .version(3),
                row(
                                "t-acme",
                                "new_policy_premium",
                                "MONTH_TO_DATE",
                                "2026-02-01",
                                "2026-02-28",
                                "EMPLOYEE",
                                "e-1",
                                "1000.00")
                        .version(9),
                row(
                        "t-other",
                        "new_policy_premium",
                        "MONTH_TO_DATE",
                        "2026-03-01",
                        "2026-03-31",
                        "EMPLOYEE",
                        "e-1",
                        "1"));
        // Stale versions in their own part, after the newest: a lower version loses whatever its arrival.
        stored.insert(
                mtd("e-1", "99999.99").version(20),
                mtd("e-1", "100.00").version(10),
                mtd("e-4", "999999.00").version(60));
    }

    private static StoredRows.Row mtd(String subject, String value) {
        return row(
                "t-acme",
                "new_policy_premium",
                "MONTH_TO_DATE",
                "2026-03-01",
                "2026-03-31",
                "EMPLOYEE",
                subject,
                value);
    }

    private static InstanceValue premium(ValueReadStrategy strategy, String subjectId) {
        return stored.reader(strategy)
                .value(
                        "t-acme",
                        "new_policy_premium",
                        WindowType.MONTH_TO_DATE,
                        MARCH_15,
                        SubjectType.EMPLOYEE,
                        subjectId)
                .orElse(null);
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void newestVersionWinsOverStaleVersionsInsertedLater(ValueReadStrategy strategy) {
        IndicatorValue e1 = premium(strategy, "e-1").current();
        assertEquals(new BigDecimal("12345.670000"), e1.value());
        assertEquals(new BigDecimal("90000.000000"), e1.target());
        assertEquals(new BigDecimal("0.137174"), e1.attainment());
        assertEquals(30, e1.version());
        assertEquals(LocalDate.of(2026, 3, 1), e1.windowStart());
        assertEquals(LocalDate.of(2026, 3, 31), e1.windowEnd());
        assertEquals(WindowType.MONTH_TO_DATE, e1.windowType());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void valueComesWithThePreviousInstanceAndTheChange(ValueReadStrategy strategy) {
        InstanceValue e1 = premium(strategy, "e-1");
        assertEquals(LocalDate.of(2026, 2, 1), e1.previous().windowStart());
        assertEquals(new BigDecimal("11345.670000"), e1.change()); // 12345.67 - 1000.00
        assertNull(premium(strategy, "e-2").previous());
        assertNull(premium(strategy, "e-2").change());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aNullNewestValueIsKeptNotReplacedByAnOlderNumber(ValueReadStrategy strategy) {
        IndicatorValue e4 = premium(strategy, "e-4").current();
        assertNull(e4.value());
        assertEquals(70, e4.version());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aSubjectWithNothingCountedHasNoValue(ValueReadStrategy strategy) {
        assertNull(premium(strategy, "e-404"));
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void scorecardReadsSeveralIndicatorsOfOneSubjectAtOnce(ValueReadStrategy strategy) {
        Map<String, InstanceValue> card = stored.reader(strategy)
                .values(
                        "t-acme",
                        List.of("new_policy_premium", "policies_issued", "claim_cycle_time_avg"),
                        WindowType.MONTH_TO_DATE,
                        MARCH_15,
                        SubjectType.EMPLOYEE,
                        "e-1");
        assertEquals(List.of("new_policy_premium", "policies_issued"), List.copyOf(card.keySet()));
        assertEquals(
                new BigDecimal("3.000000"),
                card.get("policies_issued").current().value());
        assertNull(card.get("policies_issued").previous());
        assertEquals(
                new BigDecimal("1000.000000"),
                card.get("new_policy_premium").previous().value());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void anotherTenantsSubjectOfTheSameIdNeverLeaks(ValueReadStrategy strategy) {
        assertEquals(
                new BigDecimal("1.000000"),
                stored.reader(strategy)
                        .value(
                                "t-other",
                                "new_policy_premium",
                                WindowType.MONTH_TO_DATE,
                                MARCH_15,
                                SubjectType.EMPLOYEE,
                                "e-1")
                        .orElseThrow()
                        .current()
                        .value());
    }

    @Test
    void finalAndArgMaxGiveTheSameAnswer() {
        ValueSelection everyone = new ValueSelection(
                "t-acme",
                List.of("new_policy_premium", "policies_issued"),
                WindowType.MONTH_TO_DATE,
                List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 1)),
                SubjectType.EMPLOYEE,
                List.of());
        Comparator<IndicatorValue> order = Comparator.comparing(IndicatorValue::indicatorId)
                .thenComparing(IndicatorValue::subjectId)
                .thenComparing(IndicatorValue::windowStart);
        ValueTable finalTable = new ValueTable(stored.connections(), ValueReadStrategy.FINAL);
        ValueTable argMaxTable = new ValueTable(stored.connections(), ValueReadStrategy.ARG_MAX);
        List<IndicatorValue> viaFinal = finalTable.read(finalTable.stored(everyone)).stream()
                .sorted(order)
                .toList();
        List<IndicatorValue> viaArgMax = argMaxTable.read(argMaxTable.stored(everyone)).stream()
                .sorted(order)
                .toList();
        assertEquals(7, viaFinal.size());
        assertEquals(viaFinal, viaArgMax);
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void sqlInSubjectIdIsOnlyEverAValue(ValueReadStrategy strategy) throws Exception {
        long before = stored.count();
        assertNull(premium(strategy, "e-1' OR '1'='1"));
        assertNull(premium(strategy, "x'; DROP TABLE indicator_values; --"));
        assertNull(premium(strategy, "e-1\\' OR 1=1 --"));
        assertFalse(stored.reader(strategy).hasValues("t-acme", SubjectType.EMPLOYEE, "e-1' OR '1'='1"));
        assertEquals(before, stored.count());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aSubjectExistsForTheReaderWhenAnythingWasCountedForIt(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        assertTrue(reader.hasValues("t-acme", SubjectType.EMPLOYEE, "e-4"));
        assertFalse(reader.hasValues("t-acme", SubjectType.EMPLOYEE, "e-404"));
        assertFalse(reader.hasValues("t-acme", SubjectType.DEPARTMENT, "e-1"));
    }
}
