package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which 7-day instances (named by their as-of day) are written, for items on days 10 and 20. */
class RollingInstancesTest {

    private static final TreeSet<Long> ITEM_DAYS = new TreeSet<>(List.of(10L, 20L));

    @Test
    void aChangedDayRewritesTheInstancesHoldingItAndTheFirstOneWithoutItUpToTheAsOfDay() {
        assertEquals(
                List.of(10L, 11L, 12L), List.copyOf(RollingInstances.toWrite(ITEM_DAYS, List.of(10L), 12L, 12L, 7)));
        assertEquals(
                List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L),
                List.copyOf(RollingInstances.toWrite(ITEM_DAYS, List.of(10L), 30L, 30L, 7)));
    }

    @Test
    void theAsOfDayMovingOnWritesEveryInstanceItPassedThatHoldsAnItemOrFollowsOne() {
        // 18 and 19 hold nothing and follow nothing (day 10 left at 17): not written.
        assertEquals(
                List.of(13L, 14L, 15L, 16L, 17L, 20L, 21L, 22L),
                List.copyOf(RollingInstances.toWrite(ITEM_DAYS, List.of(), 12L, 22L, 7)));
    }

    @Test
    void noInstanceAfterTheAsOfDayAndNothingBeforeTheFirstWrite() {
        assertEquals(List.of(), List.copyOf(RollingInstances.toWrite(ITEM_DAYS, List.of(20L), 19L, 19L, 7)));
        assertEquals(List.of(20L), List.copyOf(RollingInstances.toWrite(ITEM_DAYS, List.of(20L), null, 20L, 7)));
    }
}
