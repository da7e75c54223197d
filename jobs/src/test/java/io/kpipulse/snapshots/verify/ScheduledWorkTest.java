package io.kpipulse.snapshots.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpipulse.config.Settings;
import io.kpipulse.periods.Period;
import io.kpipulse.snapshots.EventLogPosition;
import io.kpipulse.snapshots.StoredSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the verification worker does on its own, decided from what is recorded about each snapshot version. */
class ScheduledWorkTest {

    static final Instant NOW = Instant.parse("2026-05-20T00:00:00Z");
    static final VerifySchedule DEFAULTS = VerifySchedule.from(Settings.of(Map.of()));

    static StoredSnapshot frozen(int version, Instant at) {
        return new StoredSnapshot(
                "t-acme",
                Period.parse("2026-03"),
                version,
                "s-" + version,
                "capture-" + version,
                "hash-" + version,
                1,
                1,
                1,
                "none",
                "none",
                new EventLogPosition(0, 0, Map.of()),
                "t-acme/hr",
                at,
                "",
                false);
    }

    static ScheduledWork.Version never(StoredSnapshot s) {
        return new ScheduledWork.Version(s, null, "", null, false);
    }

    @Test
    void theLocalDefaultsVerifyNewFreezesReverifyMonthlyAndRehashDaily() {
        assertEquals(new VerifySchedule(true, Duration.ofDays(30), Duration.ofDays(1)), DEFAULTS);
        assertEquals(
                new VerifySchedule(false, Duration.ofDays(7), Duration.ZERO),
                VerifySchedule.from(Settings.of(Map.of(
                        "kpi.verify.new-freezes", "false",
                        "kpi.verify.reverify-after", "P7D",
                        "kpi.verify.integrity-after", "0s"))));
        assertThrows(
                IllegalArgumentException.class, () -> new VerifySchedule(true, Duration.ofDays(-1), Duration.ZERO));
    }

    @Test
    void aNewFreezeIsRehashedAndVerifiedOnceThenOnlyAfterTheIntervals() {
        StoredSnapshot s = frozen(1, NOW.minus(Duration.ofHours(1)));
        ScheduledWork.Due first = ScheduledWork.decide(DEFAULTS, List.of(never(s)), NOW);
        assertEquals(List.of(s), first.integrity());
        assertEquals(1, first.recompute().size());
        assertEquals(
                "scheduled: new freeze, never verified",
                first.recompute().get(0).reason());
        assertEquals("", first.recompute().get(0).lastRunId());

        // Verified and re-hashed an hour ago: nothing due until a day (re-hash) or 30 days (recomputation) pass.
        ScheduledWork.Version checked =
                new ScheduledWork.Version(s, NOW.minusSeconds(3600), "run-1", NOW.minusSeconds(3600), false);
        assertEquals(
                new ScheduledWork.Due(List.of(), List.of()), ScheduledWork.decide(DEFAULTS, List.of(checked), NOW));
        ScheduledWork.Due dayLater = ScheduledWork.decide(DEFAULTS, List.of(checked), NOW.plus(Duration.ofDays(1)));
        assertEquals(List.of(s), dayLater.integrity());
        assertEquals(List.of(), dayLater.recompute());
        ScheduledWork.Due monthLater = ScheduledWork.decide(
                DEFAULTS, List.of(checked), NOW.minusSeconds(3600).plus(Duration.ofDays(30)));
        assertEquals(1, monthLater.recompute().size());
        assertEquals("run-1", monthLater.recompute().get(0).lastRunId());
        assertEquals(
                "scheduled: last verified " + NOW.minusSeconds(3600),
                monthLater.recompute().get(0).reason());
    }

    @Test
    void aVersionWithAnOpenRequestIsNotAskedForAgainButStillRehashed() {
        StoredSnapshot s = frozen(2, NOW.minus(Duration.ofDays(90)));
        ScheduledWork.Due due =
                ScheduledWork.decide(DEFAULTS, List.of(new ScheduledWork.Version(s, null, "", null, true)), NOW);
        assertEquals(List.of(s), due.integrity());
        assertEquals(List.of(), due.recompute());
    }

    @Test
    void withoutNewFreezesANeverVerifiedVersionWaitsForTheIntervalFromItsFreeze() {
        VerifySchedule periodicOnly = new VerifySchedule(false, Duration.ofDays(30), Duration.ZERO);
        StoredSnapshot young = frozen(1, NOW.minus(Duration.ofDays(29)));
        StoredSnapshot old = frozen(2, NOW.minus(Duration.ofDays(30)));
        ScheduledWork.Due due = ScheduledWork.decide(periodicOnly, List.of(never(young), never(old)), NOW);
        assertEquals(List.of(), due.integrity());
        assertEquals(
                List.of(old),
                due.recompute().stream().map(ScheduledWork.Recompute::snapshot).toList());
        assertEquals(
                new ScheduledWork.Due(List.of(), List.of()),
                ScheduledWork.decide(VerifySchedule.requestsOnly(), List.of(never(young), never(old)), NOW));
    }

    @Test
    void aVersionWhoseScheduledRecomputationFailedIsRetriedAfterADoublingBoundedBackoff() {
        assertEquals(Duration.ofMinutes(10), ScheduledWork.retryAfter(1));
        assertEquals(Duration.ofMinutes(20), ScheduledWork.retryAfter(2));
        assertEquals(Duration.ofMinutes(160), ScheduledWork.retryAfter(5));
        assertEquals(Duration.ofHours(4), ScheduledWork.retryAfter(6));
        assertEquals(Duration.ofHours(4), ScheduledWork.retryAfter(1_000));

        StoredSnapshot s = frozen(3, NOW.minus(Duration.ofHours(2)));
        Instant failed = NOW.minus(Duration.ofMinutes(30));
        ScheduledWork.Version twice = new ScheduledWork.Version(s, null, "", NOW, false, 2, failed);
        // 30 min after the second failure: past its 20 min.
        ScheduledWork.Due due = ScheduledWork.decide(DEFAULTS, List.of(twice), NOW);
        assertEquals(1, due.recompute().size());
        assertEquals(2, due.recompute().get(0).attempt());
        assertEquals(
                "scheduled: new freeze, never verified; retry 2 after the failure at " + failed,
                due.recompute().get(0).reason());
        ScheduledWork.Version thrice = new ScheduledWork.Version(s, null, "", NOW, false, 3, failed);
        // The third waits 40 min.
        assertEquals(
                List.of(), ScheduledWork.decide(DEFAULTS, List.of(thrice), NOW).recompute());
        assertEquals(
                1,
                ScheduledWork.decide(DEFAULTS, List.of(thrice), failed.plus(Duration.ofMinutes(40)))
                        .recompute()
                        .size());
    }
}
