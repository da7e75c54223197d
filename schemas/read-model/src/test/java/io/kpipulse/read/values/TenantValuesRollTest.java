package io.kpipulse.read.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The daily roll-over of the values in memory: what the new day's horizon no longer keeps is dropped in place. */
class TenantValuesRollTest {

    private static final Set<WindowType> MONTHS = Set.of(WindowType.MONTH_TO_DATE);

    /** One month kept before the current one, and the departments' last two days. */
    private static InMemoryValues.Horizon horizonOf(String today) {
        return InMemoryValues.Horizon.dashboard(LocalDate.parse(today), MONTHS, 1, 2);
    }

    private static IndicatorValue value(WindowType window, SubjectType type, String id, String start, String end) {
        return new IndicatorValue(
                "new_policy_premium",
                window,
                type,
                id,
                LocalDate.parse(start),
                LocalDate.parse(end),
                new BigDecimal("100.000000"),
                new BigDecimal("100.000000"),
                null,
                null,
                null,
                1,
                Instant.parse("2026-03-01T00:00:00Z"),
                1,
                1);
    }

    @Test
    void theFirstDayOfAMonthDropsTheMonthThatLeftTheKeptMonthsAndTheDayThatLeftTheKeptDays() {
        TenantValues values = new TenantValues(horizonOf("2026-03-31"));
        values.offer(List.of(
                value(WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, "e-1", "2026-02-01", "2026-02-28"),
                value(WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, "e-1", "2026-03-01", "2026-03-31"),
                value(WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, "e-2", "2026-03-01", "2026-03-31"),
                value(WindowType.DAY, SubjectType.DEPARTMENT, "d-1", "2026-03-30", "2026-03-30"),
                value(WindowType.DAY, SubjectType.DEPARTMENT, "d-1", "2026-03-31", "2026-03-31")));
        values.ready(true);
        assertEquals(5, values.valueCount());

        InMemoryValues.Horizon april = horizonOf("2026-04-01");
        assertTrue(april.within(values.horizon()));
        // February left the one kept month before April's; March 30 left the last two days (March 31, April 1).
        assertEquals(2, values.narrow(april));

        assertEquals(3, values.valueCount());
        assertTrue(values.ready(), "answers from memory throughout");
        assertFalse(
                values.covers(WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, List.of(LocalDate.parse("2026-02-01"))));
        assertTrue(
                values.covers(WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, List.of(LocalDate.parse("2026-03-01"))));
        assertEquals(
                "100.000000",
                values.values(
                                List.of("new_policy_premium"),
                                WindowType.MONTH_TO_DATE,
                                LocalDate.parse("2026-03-15"),
                                SubjectType.EMPLOYEE,
                                "e-2")
                        .get("new_policy_premium")
                        .current()
                        .value()
                        .toPlainString());
        // A version of a dropped instance arriving late is not kept again.
        values.offer(List.of(value(WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, "e-3", "2026-02-01", "2026-02-28")));
        assertEquals(3, values.valueCount());
    }

    @Test
    void aHorizonKeepingMoreIsNotWithinTheHeldOne() {
        assertFalse(horizonOf("2026-03-31").within(horizonOf("2026-04-01")), "an earlier day keeps more");
        assertFalse(
                InMemoryValues.Horizon.dashboard(LocalDate.parse("2026-04-01"), MONTHS, 2, 2)
                        .within(horizonOf("2026-04-01")),
                "more months kept");
        assertTrue(horizonOf("2026-04-01").within(horizonOf("2026-04-01")));
    }
}
