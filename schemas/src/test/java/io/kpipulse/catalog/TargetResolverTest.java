package io.kpipulse.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetResolverTest {

    private static TargetRule rule(String from, String to, String department, String target) {
        return new TargetRule(
                LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to),
                WindowType.MONTH_TO_DATE,
                SubjectType.EMPLOYEE,
                department,
                new BigDecimal(target),
                null,
                null,
                null);
    }

    private final List<TargetRule> rules = List.of(
            rule("2026-01-01", null, null, "60000"),
            rule("2026-01-01", "2026-03-31", null, "90000"),
            rule("2026-01-01", null, "d-sales", "70000"),
            rule("2026-01-01", null, "d-sales-east", "75000"));

    private BigDecimal targetFor(String day, List<String> path) {
        WindowBounds window = WindowType.MONTH_TO_DATE.instanceFor(LocalDate.parse(day));
        return TargetResolver.resolve(rules, window, SubjectType.EMPLOYEE, path)
                .map(TargetRule::target)
                .orElse(null);
    }

    @Test
    void peakSeasonTargetAppliesOnlyToWindowsStartingInsideIt() {
        assertEquals(new BigDecimal("90000"), targetFor("2026-03-15", List.of("d-claims", "d-root")));
        assertEquals(new BigDecimal("60000"), targetFor("2026-04-02", List.of("d-claims", "d-root")));
    }

    @Test
    void nearestDepartmentRuleWins() {
        assertEquals(new BigDecimal("75000"), targetFor("2026-05-01", List.of("d-sales-east", "d-sales", "d-root")));
        assertEquals(new BigDecimal("70000"), targetFor("2026-05-01", List.of("d-sales-west", "d-sales", "d-root")));
    }

    @Test
    void noRuleBeforeTheFirstEffectiveDate() {
        assertTrue(TargetResolver.resolve(
                        rules,
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.parse("2025-12-31")),
                        SubjectType.EMPLOYEE,
                        List.of())
                .isEmpty());
    }

    @Test
    void windowInstancesFollowTheCalendar() {
        LocalDate d = LocalDate.parse("2026-05-14");
        assertEquals(
                new WindowBounds(WindowType.WEEK, LocalDate.parse("2026-05-11"), LocalDate.parse("2026-05-17")),
                WindowType.WEEK.instanceFor(d));
        assertEquals(
                new WindowBounds(
                        WindowType.QUARTER_TO_DATE, LocalDate.parse("2026-04-01"), LocalDate.parse("2026-06-30")),
                WindowType.QUARTER_TO_DATE.instanceFor(d));
        assertEquals(
                new WindowBounds(WindowType.ROLLING_7D, LocalDate.parse("2026-05-08"), d),
                WindowType.ROLLING_7D.instanceFor(d));
    }
}
