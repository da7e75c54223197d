package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.TenantCalendar;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A calendar version survives a restore: it lives in the correlation join's broadcast state, which the
 * checkpoint keeps, so a joiner restored from a snapshot taken after the version arrived (and sent nothing
 * again) measures with it. Reimbursement r-1, Thu 2026-11-19 20:00 → Mon 2026-11-23 10:00 (Shanghai), with
 * Friday 11-20 made a day off by version 1 of 2026: 4 h + 10 h = 14 h; 38 h with the Friday a working day.
 */
class CalendarVersionRestoreHarnessTest {

    private static final String T = "t1";
    private static final String PROCESSING = "reimbursement_processing_p90";
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void aRestoredJoinerMeasuresWithTheVersionItHeldAtTheSnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness(null)) {
            org(before);
            before.processBroadcastElement(ControlUpdate.of(CalendarUpdate.of(fridayOff())), 0);
            snapshot = before.snapshot(1, 0);
        }
        try (var restored = harness(snapshot)) {
            assertEquals(List.of(14 * HOUR), reimbursement(restored));
        }
    }

    @Test
    void withoutTheVersionTheFridayIsAWorkingDay() throws Exception {
        try (var fresh = harness(null)) {
            org(fresh);
            assertEquals(List.of(38 * HOUR), reimbursement(fresh));
        }
    }

    private static CalendarVersion fridayOff() {
        Instant from = TestEvents.at("2026-11-19T00:00");
        return new CalendarVersion(
                T, 2026, 1, new TreeSet<>(List.of(LocalDate.of(2026, 11, 20))), new TreeSet<>(), "hr-1", from, from);
    }

    /** Sends r-1's submission and payment, moves the watermark past them; the employee's durations decided. */
    private static List<Long> reimbursement(
            KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, SubjectItem> h) throws Exception {
        long submitted = TestEvents.at("2026-11-19T20:00").toEpochMilli();
        long paid = TestEvents.at("2026-11-23T10:00").toEpochMilli();
        h.processElement(side(Role.DURATION_START, submitted, "ev-1", "e-1", "d-sales"), submitted);
        h.processElement(side(Role.DURATION_END, paid, "ev-2", "e-fin", "d-fin"), paid);
        h.watermark(paid + HOUR); // on both inputs, the events and the broadcast control
        return h.extractOutputValues().stream()
                .filter(s -> s.subjectType() == SubjectType.EMPLOYEE)
                .map(s -> s.item().durationMillis())
                .toList();
    }

    private static Partial side(Role role, long time, String eventId, String employee, String department) {
        return new Partial(T, PROCESSING, "r-1", role, time, time, eventId, employee, department, null, BigDecimal.ONE);
    }

    private static void org(KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, SubjectItem> h)
            throws Exception {
        long since = TestEvents.at("2026-01-01T00:00").toEpochMilli();
        h.processBroadcastElement(
                ControlUpdate.of(new OrgChange(T, OrgChange.Kind.DEPARTMENT_PARENT, "d-root", since, null)), 0);
        for (String d : List.of("d-sales", "d-fin")) {
            h.processBroadcastElement(
                    ControlUpdate.of(new OrgChange(T, OrgChange.Kind.DEPARTMENT_PARENT, d, since, "d-root")), 0);
        }
        for (Map.Entry<String, String> e :
                Map.of("e-1", "d-sales", "e-fin", "d-fin").entrySet()) {
            h.processBroadcastElement(
                    ControlUpdate.of(
                            new OrgChange(T, OrgChange.Kind.EMPLOYEE_DEPARTMENT, e.getKey(), since, e.getValue())),
                    0);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, SubjectItem> harness(
            OperatorSubtaskState state) throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new CorrelationJoiner(
                                CatalogFixtures.libraryUpdate(),
                                Map.of(T, TenantCalendar.defaults()),
                                Duration.ofDays(30).toMillis()),
                        List.of(OrgDirectory.STATE, CurrentCatalog.STATE, CurrentCalendars.STATE)),
                Partial::joinKey,
                Types.STRING,
                1,
                1,
                0);
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }
}
