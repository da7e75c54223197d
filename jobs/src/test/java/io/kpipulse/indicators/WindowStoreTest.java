package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A key's windows without Flink: what an item changes, what a flush writes, which timers a key asks for and when
 * its state ends. The values are worked by hand from the items.
 */
class WindowStoreTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long FLUSH = 200;
    private static final long HORIZON = Duration.ofMinutes(61).toMillis();
    private static final IndicatorDefinition PREMIUM = CatalogFixtures.indicator("new_policy_premium");
    private static final IndicatorDefinition PAYMENT_MEDIAN = CatalogFixtures.indicator("claim_payment_time_median");

    private final WindowStore store = new WindowStore(FLUSH, 2_000, 10_000, HORIZON);
    private final Clocks timers = new Clocks();
    private final List<IndicatorRow> rows = new ArrayList<>();
    private final SubjectWindows w = new SubjectWindows();
    private int events;

    @Test
    void itemsOfADayAreWrittenAtTheFlushAsOneRowPerStoredWindowAndNothingMoreWhenNothingChanged() {
        timers.watermark = millis("2026-03-10T09:00");
        store.add(w, PREMIUM, batch(value("2026-03-10T10:00", "100.00"), value("2026-03-10T11:00", "50.00")), timers);
        assertTrue(rows.isEmpty(), "nothing before the flush");
        // One cleanup timer, at the earliest instance's cleanup (the DAY's), end of input, one flush.
        assertEquals(
                List.of(cleanupOf("2026-03-10"), Long.MAX_VALUE), List.copyOf(timers.eventTimers), "event-time timers");
        assertEquals(List.of(FLUSH), List.copyOf(timers.processingTimers), "the next flush boundary");

        flush();
        // The sum's rolling windows are assembled from DAY when read, so five rows: the calendar windows.
        assertEquals(
                List.of(
                        "DAY 2026-03-10 150.00 2",
                        "WEEK 2026-03-09 150.00 2",
                        "MONTH_TO_DATE 2026-03-01 150.00 2",
                        "QUARTER_TO_DATE 2026-01-01 150.00 2",
                        "YEAR_TO_DATE 2026-01-01 150.00 2"),
                described());
        rows.clear();
        flush();
        assertEquals(List.of(), described(), "a flush with nothing changed writes nothing");
    }

    @Test
    void aPastDatedItemRewritesOnlyTheInstancesHoldingItsDayWithAGreaterVersion() {
        timers.watermark = millis("2026-03-10T09:00");
        store.add(w, PREMIUM, batch(value("2026-03-10T10:00", "100.00")), timers);
        flush();
        long monthVersion = row(WindowType.MONTH_TO_DATE).version();
        rows.clear();

        store.add(w, PREMIUM, batch(value("2026-03-02T10:00", "25.00")), timers); // the week before
        flush();
        assertEquals(
                List.of(
                        "DAY 2026-03-02 25.00 1",
                        "WEEK 2026-03-02 25.00 1",
                        "MONTH_TO_DATE 2026-03-01 125.00 2",
                        "QUARTER_TO_DATE 2026-01-01 125.00 2",
                        "YEAR_TO_DATE 2026-01-01 125.00 2"),
                described(),
                "the DAY and WEEK of 2026-03-10 are untouched");
        assertTrue(row(WindowType.MONTH_TO_DATE).version() > monthVersion, "the newer row must win in ClickHouse");
    }

    @Test
    void aHolisticKindWritesItsRollingInstancesItselfAndTheNextMidnightMovesThemOn() {
        timers.watermark = millis("2026-03-10T09:00");
        store.add(w, PAYMENT_MEDIAN, batch(duration("2026-03-10T10:00", 2), duration("2026-03-10T11:00", 4)), timers);
        flush();
        // Median of 2 h and 4 h.
        assertEquals(
                "3.0000", rolling(WindowType.ROLLING_7D, "2026-03-10").value().toPlainString());
        long midnight = millis("2026-03-11T00:00");
        assertTrue(timers.eventTimers.contains(midnight), "a timer at the tenant's next midnight");
        rows.clear();

        timers.watermark = midnight;
        fire(midnight);
        assertEquals(
                "3.0000", rolling(WindowType.ROLLING_7D, "2026-03-11").value().toPlainString());
        assertTrue(timers.eventTimers.contains(millis("2026-03-12T00:00")), "and one at the midnight after");
    }

    @Test
    void theStateEndsWhenTheWatermarkHasPassedEveryInstanceByTheHorizonAndTakesItsTimersWithIt() {
        timers.watermark = millis("2026-03-10T09:00");
        store.add(w, PREMIUM, batch(value("2026-03-10T10:00", "100.00")), timers);
        flush();
        long dayCleanup = cleanupOf("2026-03-10");
        // Two days past the DAY's end (any time zone) plus the horizon.
        assertEquals(LocalDate.parse("2026-03-12").toEpochDay() * 86_400_000L + HORIZON, dayCleanup);

        // Each cleanup drops what ended and registers the next one: the week's, then the month's and the
        // quarter's (both end on 03-31), then the year's.
        long[] cleanups = {dayCleanup, cleanupOf("2026-03-15"), cleanupOf("2026-03-31"), cleanupOf("2026-12-31")};
        int[] left = {4, 3, 1};
        for (int k = 0; k < left.length; k++) {
            assertEquals(List.of(cleanups[k], Long.MAX_VALUE), List.copyOf(timers.eventTimers), "timers " + k);
            timers.watermark = cleanups[k];
            assertTrue(fire(cleanups[k]), "instances still reachable after cleanup " + k);
            assertEquals(left[k], w.calendar.size(), "instances left after cleanup " + k);
        }
        assertEquals(List.of(cleanups[3], Long.MAX_VALUE), List.copyOf(timers.eventTimers));
        timers.watermark = cleanups[3];
        assertFalse(fire(cleanups[3]), "nothing left: the state goes");
        assertEquals(List.of(), List.copyOf(timers.eventTimers), "the end-of-input timer went with it");
    }

    @Test
    void anInstanceEndingBeforeEveryOtherRegistersItsOwnCleanupAndStateRestoredWithATimerPerInstanceCleansTheSame() {
        timers.watermark = millis("2026-03-10T09:00");
        store.add(w, PREMIUM, batch(value("2026-03-10T10:00", "100.00")), timers);
        store.add(w, PREMIUM, batch(value("2026-03-11T10:00", "10.00")), timers);
        assertEquals(
                List.of(cleanupOf("2026-03-10"), Long.MAX_VALUE),
                List.copyOf(timers.eventTimers),
                "a later day's instance ends after the pending cleanup: no timer of its own");

        store.add(w, PREMIUM, batch(value("2026-03-09T10:00", "1.00")), timers); // a past-dated item
        assertEquals(
                List.of(cleanupOf("2026-03-09"), cleanupOf("2026-03-10"), Long.MAX_VALUE),
                List.copyOf(timers.eventTimers),
                "an instance ending before every other registers its cleanup");
        flush();

        // The 03-09 DAY goes at its cleanup; a stale timer of the old rule (one per instance) finds nothing to
        // drop and leaves the chain as it was.
        timers.watermark = cleanupOf("2026-03-09");
        assertTrue(fire(cleanupOf("2026-03-09")));
        assertFalse(w.calendar.stream().anyMatch(i -> i.type == WindowType.DAY && i.endDay == day("2026-03-09")));
        long stale = cleanupOf("2026-03-09") + 1;
        timers.watermark = stale;
        assertTrue(fire(stale));
        assertEquals(
                List.of(cleanupOf("2026-03-10"), Long.MAX_VALUE),
                List.copyOf(timers.eventTimers),
                "the next cleanup is the 03-10 DAY's, registered once");
    }

    @Test
    void aKeyWhoseIndicatorLeftTheCatalogEndsAtItsNextTimer() {
        store.add(w, PREMIUM, batch(value("2026-03-10T10:00", "100.00")), timers);
        timers.processingTime = FLUSH;
        timers.processingTimers.remove(FLUSH);
        assertFalse(store.onTimer(w, null, 1, FLUSH, false, timers, rows::add));
        assertEquals(List.of(), rows);
        // The cleanup timer stays: it fires once and finds no state.
        assertFalse(timers.eventTimers.contains(Long.MAX_VALUE), "the end-of-input timer is deleted");
    }

    // ------------------------------------------------------------------ helpers

    private void flush() {
        long at = timers.processingTimers.isEmpty() ? timers.processingTime + FLUSH : timers.processingTimers.first();
        timers.processingTime = at;
        timers.processingTimers.remove(at);
        assertTrue(store.onTimer(w, w.lastItem == null ? null : definitionOfLast(), 7, at, false, timers, rows::add));
    }

    private boolean fire(long eventTime) {
        timers.eventTimers.remove(eventTime);
        return store.onTimer(w, definitionOfLast(), 7, eventTime, true, timers, rows::add);
    }

    private IndicatorDefinition definitionOfLast() {
        return CatalogFixtures.indicator(w.lastItem.item().indicatorId());
    }

    private List<String> described() {
        return rows.stream()
                .map(r ->
                        r.windowType() + " " + r.windowStart() + " " + r.value().toPlainString() + " " + r.eventCount())
                .toList();
    }

    private IndicatorRow row(WindowType type) {
        return rows.stream().filter(r -> r.windowType() == type).findFirst().orElseThrow();
    }

    private IndicatorRow rolling(WindowType type, String asOf) {
        return rows.stream()
                .filter(r -> r.windowType() == type && r.windowEnd().equals(LocalDate.parse(asOf)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " as of " + asOf + " in " + rows));
    }

    private SubjectBatch batch(Item... items) {
        SubjectBatch batch = new SubjectBatch();
        for (Item i : items) {
            batch.add(new SubjectItem(SubjectType.EMPLOYEE, "e-1", List.of("d-team", "d-root"), SHANGHAI.getId(), i));
        }
        return batch;
    }

    private Item value(String when, String amount) {
        return item("new_policy_premium", when, ItemPart.VALUE, new BigDecimal(amount), 0);
    }

    private Item duration(String when, int hours) {
        return item(
                "claim_payment_time_median",
                when,
                ItemPart.DURATION,
                null,
                Duration.ofHours(hours).toMillis());
    }

    private Item item(String indicator, String when, ItemPart part, BigDecimal amount, long durationMillis) {
        long time = millis(when);
        return new Item(
                "t",
                indicator,
                time,
                LocalDateTime.parse(when).toLocalDate().toEpochDay(),
                new Attribution("e-1", List.of("d-team", "d-root"), List.of()),
                part,
                amount,
                durationMillis,
                true,
                null,
                "ev-" + ++events);
    }

    private static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    /** When an instance ending on {@code endDay} may go: two days past its end plus the horizon. */
    private static long cleanupOf(String endDay) {
        return (day(endDay) + 2) * 86_400_000L + HORIZON;
    }

    private static long millis(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    /** Flink's timer service as the store sees it: two clocks and the timers asked for. */
    private static final class Clocks implements WindowStore.Timers {
        long watermark = Long.MIN_VALUE;
        long processingTime;
        final TreeSet<Long> eventTimers = new TreeSet<>();
        final TreeSet<Long> processingTimers = new TreeSet<>();

        @Override
        public long watermark() {
            return watermark;
        }

        @Override
        public long processingTime() {
            return processingTime;
        }

        @Override
        public void registerEventTime(long time) {
            eventTimers.add(time);
        }

        @Override
        public void registerProcessingTime(long time) {
            processingTimers.add(time);
        }

        @Override
        public void deleteEventTime(long time) {
            eventTimers.remove(time);
        }

        @Override
        public void deleteProcessingTime(long time) {
            processingTimers.remove(time);
        }
    }
}
