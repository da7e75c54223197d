package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowAccumulatorTest {

    private static Item item(ItemPart part, String amount) {
        return new Item(
                "t1",
                "sales_during_incidents",
                0,
                0,
                new Attribution("e-1", List.of("d-1"), List.of()),
                part,
                new BigDecimal(amount),
                0,
                false,
                null,
                "ev-1");
    }

    @Test
    void aWithdrawnItemTakesBackItsCountAndSumAndStillMakesTheRowNewer() {
        WindowAccumulator acc = new WindowAccumulator();
        acc.add(item(ItemPart.VALUE, "1000.00"), false, false);
        acc.add(item(ItemPart.VALUE, "250.50"), false, false);
        acc.add(item(ItemPart.WITHDRAWN, "1000.00"), false, false);

        assertEquals(1, acc.items);
        assertEquals(0, new BigDecimal("250.50").compareTo(acc.sum));
        assertEquals(3, acc.parts, "every change raises the row's version");
    }
}
