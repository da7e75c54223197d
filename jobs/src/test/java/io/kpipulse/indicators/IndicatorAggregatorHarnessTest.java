package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import io.kpipulse.testing.HarnessState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The windows of one subject under Flink's operator harness: coalescing, rolling windows, state cleanup. */
class IndicatorAggregatorHarnessTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String INDICATOR = "new_policy_premium";

    private static SubjectItem premium(String day, String amount, String eventId) {
        long time = LocalDate.parse(day).atTime(10, 0).atZone(ZONE).toInstant().toEpochMilli();
        Item item = new Item("t", INDICATOR, time, LocalDate.parse(day).toEpochDay(),
                new Attribution("e-1", List.of("d-1"), List.of()), ItemPart.VALUE, new BigDecimal(amount), 0, false, null, eventId);
        return new SubjectItem(SubjectType.EMPLOYEE, "e-1", List.of("d-1"), ZONE.getId(), item);
    }

    private static long midnightAfter(String day) {
        return LocalDate.parse(day).plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
    }

    private KeyedBroadcastOperatorTestHarness<String, SubjectItem, CatalogUpdate, IndicatorRow> harness() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new IndicatorAggregator(CatalogFixtures.libraryUpdate(), 200, 60_000), SubjectItem::key, Types.STRING,
                CurrentCatalog.STATE);
        h.open();
        return h;
    }

    private static List<IndicatorRow> rows(KeyedBroadcastOperatorTestHarness<String, SubjectItem, CatalogUpdate, IndicatorRow> h) {
        return h.extractOutputValues();
    }

    @Test
    void updatesWithinAFlushIntervalAreCoalescedIntoOneRowPerWindow() throws Exception {
        var h = harness();
        h.setProcessingTime(1_000);
        h.watermark(midnightAfter("2026-03-09") - 1);
        h.processElement(premium("2026-03-10", "100.00", "a"), 0);
        h.processElement(premium("2026-03-10", "50.00", "b"), 0);
        assertTrue(rows(h).isEmpty(), "nothing is written before the flush");
        h.setProcessingTime(1_200);
        List<IndicatorRow> out = rows(h);
        // One row per window type of the indicator (all 8), each with both items.
        assertEquals(8, out.size());
        assertTrue(out.stream().allMatch(r -> r.value().compareTo(new BigDecimal("150.00")) == 0));
        assertTrue(out.stream().allMatch(r -> r.eventCount() == 2));
    }

    @Test
    void rollingWindowsMoveOnAtTenantMidnightAndDropOldDays() throws Exception {
        var h = harness();
        h.watermark(midnightAfter("2026-03-09"));
        h.processElement(premium("2026-03-10", "100.00", "a"), 0);
        h.setProcessingTime(200);
        h.getOutput().clear();
        // Seven days later the 7-day window no longer contains the 10th.
        h.watermark(midnightAfter("2026-03-16"));
        IndicatorRow r7 = rows(h).stream().filter(r -> r.windowType() == WindowType.ROLLING_7D)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(LocalDate.parse("2026-03-17"), r7.windowEnd());
        assertEquals(0, r7.eventCount());
        assertEquals(0, BigDecimal.ZERO.compareTo(r7.value()), "an empty sum is zero");
    }

    @Test
    void stateAndTimersAreGoneOnceEveryWindowIsFinal() throws Exception {
        var h = harness();
        h.watermark(midnightAfter("2026-03-09"));
        h.processElement(premium("2026-03-10", "100.00", "a"), 0);
        h.setProcessingTime(200);
        // Past the end of the year window (+2 days +lateness) and of the 90-day rolling window.
        h.watermark(LocalDate.parse("2027-01-05").atStartOfDay(ZONE).toInstant().toEpochMilli());
        assertEquals(0, HarnessState.keyedEntries(h), "no keyed state left");
        assertEquals(0, h.numEventTimeTimers(), "no timers left");
    }
}
