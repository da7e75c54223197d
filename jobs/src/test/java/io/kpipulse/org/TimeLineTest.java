package io.kpipulse.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TimeLineTest {

    @Test
    void changesTakeEffectAtTheirInstantInWhateverOrderTheyArrive() {
        TimeLine line = new TimeLine();
        line.set(300, "d-east");
        line.set(100, "d-sales");
        assertNull(line.valueAt(99));
        assertEquals("d-sales", line.valueAt(100));
        assertEquals("d-sales", line.valueAt(299));
        assertEquals("d-east", line.valueAt(300));
    }

    @Test
    void aLeaverStillOwnsWhatHappensAtTheMomentTheyLeave() {
        TimeLine line = new TimeLine();
        line.set(100, "d-sales");
        line.set(500, null);
        assertEquals("d-sales", line.valueAt(500));
        assertNull(line.valueAt(501));
    }
}
