package io.kpipulse.read.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.read.org.EmployeeRecord.Stretch;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Time line → record and history, in the tenant's zone (Asia/Shanghai, UTC+8). */
class EmployeeRecordTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    private static OrgDay day(String day) {
        return new OrgDay("t", LocalDate.parse(day), ZONE);
    }

    private static final List<EmployeeLine> LINES = List.of(
            // given out of order: the record sorts them
            new EmployeeLine(at("2026-03-16T08:30"), "MOVED", "d-2", "Senior", "e-6", LocalDate.parse("2026-03-16")),
            new EmployeeLine(at("2026-03-01T00:00"), "HIRED", "d-1", "Agent", "e-4", LocalDate.parse("2019-05-06")),
            new EmployeeLine(at("2026-03-20T18:00"), "LEFT", "d-2", null, null, LocalDate.parse("2026-03-20")));

    @Test
    void aMoveCountsFromTheDayItHappensOn() {
        EmployeeRecord before =
                EmployeeRecord.of("e-5", LINES, day("2026-03-15")).orElseThrow();
        EmployeeRecord on = EmployeeRecord.of("e-5", LINES, day("2026-03-16")).orElseThrow();

        assertEquals(Optional.of(new Placement("e-5", "d-1", "Agent", "e-4")), before.placement());
        assertEquals(Optional.of(new Placement("e-5", "d-2", "Senior", "e-6")), on.placement());
        assertEquals(LocalDate.parse("2019-05-06"), on.hiredOn());
        assertEquals(LocalDate.parse("2026-03-20"), on.leftOn(), "the recorded leave ends this employment");
    }

    @Test
    void historyIsStretchesOfWholeDaysAndEndsTheDayBeforeTheLeave() {
        assertEquals(
                List.of(
                        new Stretch(
                                LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-15"), "d-1", "Agent", "e-4"),
                        new Stretch(
                                LocalDate.parse("2026-03-16"), LocalDate.parse("2026-03-19"), "d-2", "Senior", "e-6")),
                EmployeeRecord.of("e-5", LINES, day("2026-03-10")).orElseThrow().history());
    }

    @Test
    void onTheDayOfTheLeaveTheEmployeeIsNoLongerEmployed() {
        EmployeeRecord record =
                EmployeeRecord.of("e-5", LINES, day("2026-03-20")).orElseThrow();

        assertTrue(record.placement().isEmpty());
        assertEquals("left on 2026-03-20", record.notEmployedReason());
    }

    @Test
    void beforeTheFirstChangeTheEmployeeIsNotYetInTheDirectory() {
        EmployeeRecord record =
                EmployeeRecord.of("e-5", LINES, day("2026-02-28")).orElseThrow();

        assertTrue(record.placement().isEmpty());
        assertEquals(null, record.hiredOn());
        assertEquals("in the directory from 2026-03-01", record.notEmployedReason());
    }

    @Test
    void aChangeUndoneTheSameDayLeavesNoStretch() {
        List<EmployeeLine> lines = List.of(
                new EmployeeLine(at("2026-03-01T00:00"), "HIRED", "d-1", "Agent", null, LocalDate.parse("2026-03-01")),
                new EmployeeLine(at("2026-03-05T09:00"), "MOVED", "d-9", "Agent", null, LocalDate.parse("2026-03-05")),
                new EmployeeLine(at("2026-03-05T11:00"), "MOVED", "d-1", "Agent", null, LocalDate.parse("2026-03-05")));

        List<Stretch> history =
                EmployeeRecord.of("e-1", lines, day("2026-03-31")).orElseThrow().history();

        assertEquals(
                List.of(
                        new Stretch(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-04"), "d-1", "Agent", null),
                        new Stretch(LocalDate.parse("2026-03-05"), null, "d-1", "Agent", null)),
                history);
    }

    @Test
    void aRehireStartsANewEmploymentWithItsOwnDates() {
        List<EmployeeLine> lines = List.of(
                new EmployeeLine(at("2026-01-05T09:00"), "HIRED", "d-1", "Agent", null, LocalDate.parse("2026-01-05")),
                new EmployeeLine(at("2026-01-30T18:00"), "LEFT", "d-1", null, null, LocalDate.parse("2026-01-30")),
                new EmployeeLine(at("2026-03-02T09:00"), "HIRED", "d-3", "Agent", null, LocalDate.parse("2026-03-02")));

        EmployeeRecord gone = EmployeeRecord.of("e-1", lines, day("2026-02-10")).orElseThrow();
        EmployeeRecord back = EmployeeRecord.of("e-1", lines, day("2026-03-02")).orElseThrow();

        assertEquals("left on 2026-01-30", gone.notEmployedReason());
        assertEquals(LocalDate.parse("2026-03-02"), back.hiredOn());
        assertEquals(null, back.leftOn());
        assertEquals("d-3", back.placement().orElseThrow().departmentId());
    }
}
