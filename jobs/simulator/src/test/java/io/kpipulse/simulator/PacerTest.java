package io.kpipulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.simulator.sink.Pacer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    private Pacer pacer(double rate, double compression) {
        return new Pacer(rate, compression, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void rateLimitSpacesRecordsEvenly() {
        Pacer p = pacer(4, 0);
        for (int i = 0; i < 5; i++) {
            p.await(0);
        }
        assertEquals(List.of(250_000_000L, 250_000_000L, 250_000_000L, 250_000_000L), sleeps);
    }

    @Test
    void compressionPlaysEventTimeFasterThanTheWallClock() {
        Pacer p = pacer(0, 3600); // an hour of event time per second
        p.await(0);
        p.await(3_600_000); // one simulated hour later → one second later
        p.await(1_800_000); // earlier event time (out of order): no wait
        assertEquals(List.of(1_000_000_000L), sleeps);
    }
}
