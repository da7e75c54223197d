package io.kpipulse.read.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryStepTest {

    private static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void monthlyPointsAreMonthEndsWithTheLastClippedToTheRange() {
        assertEquals(
                List.of(d("2026-01-31"), d("2026-02-28"), d("2026-03-15")),
                HistoryStep.MONTH.points(d("2026-01-10"), d("2026-03-15")));
        assertEquals(3, HistoryStep.MONTH.pointCount(d("2026-01-10"), d("2026-03-15")));
    }

    @Test
    void weeklyPointsAreSundays() {
        // 2026-03-02 is a Monday.
        assertEquals(
                List.of(d("2026-03-08"), d("2026-03-15"), d("2026-03-18")),
                HistoryStep.WEEK.points(d("2026-03-02"), d("2026-03-18")));
        assertEquals(3, HistoryStep.WEEK.pointCount(d("2026-03-02"), d("2026-03-18")));
        assertEquals(List.of(d("2026-03-08")), HistoryStep.WEEK.points(d("2026-03-08"), d("2026-03-08")));
    }

    @Test
    void dailyPointsAreEveryDayAndOneDayIsOnePoint() {
        assertEquals(
                30, HistoryStep.DAY.points(d("2026-02-14"), d("2026-03-15")).size());
        assertEquals(30, HistoryStep.DAY.pointCount(d("2026-02-14"), d("2026-03-15")));
        assertEquals(List.of(d("2026-03-15")), HistoryStep.DAY.points(d("2026-03-15"), d("2026-03-15")));
    }

    @Test
    void aStepFinerThanACalendarWindowIsRefusedBecauseItWouldRepeatOneValue() {
        assertTrue(HistoryStep.DAY.problemWith(WindowType.MONTH_TO_DATE).isPresent());
        assertTrue(HistoryStep.WEEK.problemWith(WindowType.MONTH_TO_DATE).isPresent());
        assertTrue(HistoryStep.DAY.problemWith(WindowType.WEEK).isPresent());
        assertTrue(HistoryStep.MONTH.problemWith(WindowType.YEAR_TO_DATE).isPresent());
        assertTrue(HistoryStep.MONTH.problemWith(WindowType.MONTH_TO_DATE).isEmpty());
        assertTrue(HistoryStep.DAY.problemWith(WindowType.ROLLING_30D).isEmpty());
        assertTrue(HistoryStep.MONTH.problemWith(WindowType.WEEK).isEmpty());
    }

    @Test
    void aQueryRefusesReversedRangesBadStepsAndTooManyPoints() {
        assertThrows(
                IllegalArgumentException.class,
                () -> query(WindowType.DAY, "2026-03-15", "2026-03-14", HistoryStep.DAY));
        assertThrows(
                IllegalArgumentException.class,
                () -> query(WindowType.MONTH_TO_DATE, "2026-03-01", "2026-03-14", HistoryStep.DAY));
        assertThrows(
                IllegalArgumentException.class,
                () -> query(WindowType.DAY, "2025-01-01", "2026-03-14", HistoryStep.DAY));
        query(WindowType.DAY, "2025-03-11", "2026-03-14", HistoryStep.DAY); // 369 points
    }

    private static HistoryQuery query(WindowType window, String from, String to, HistoryStep step) {
        return new HistoryQuery("t", "i", window, SubjectType.EMPLOYEE, "e-1", d(from), d(to), step);
    }
}
