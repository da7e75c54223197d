package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.config.Settings;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.org.DepartmentRenamed;
import io.kpipulse.events.org.DepartmentReparented;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.org.EmployeeMoved;
import io.kpipulse.events.org.SupportLinkAssigned;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.testing.EngineRig;
import io.kpipulse.testing.SharedMiniCluster;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The org directory's projection through the real job: org events on a KRaft broker, the engine on a
 * MiniCluster at parallelism 2, the time lines in the real ClickHouse engine. March 2026 of a small company:
 * an agent moved mid-month, a team renamed and re-parented, a leaver, a duplicate of the move. Then the job
 * reads the topics again from the start (a replay) and must write the very same rows.
 */
class OrgProjectionEndToEndTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    private static final String T = "t-acme-life";
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private static EngineRig rig;
    private static ClickHouseConnector clickHouse;
    private static final List<JobClient> jobs = new ArrayList<>();

    @BeforeAll
    static void runTheMonthThroughTheEngine() throws Exception {
        rig = EngineRig.create(KAFKA, CLICKHOUSE, "orgjob", 2, 1, Duration.ofSeconds(1));

        TestEvents e = new TestEvents(T);
        List<SpecificRecord> events = new ArrayList<>();
        events.add(e.department("d-root", null, "2026-03-01T00:00"));
        events.add(e.department("d-north", "d-root", "2026-03-01T00:00"));
        events.add(e.department("d-south", "d-root", "2026-03-01T00:00"));
        events.add(e.department("d-team1", "d-north", "2026-03-01T00:00"));
        events.add(e.department("d-team2", "d-north", "2026-03-01T00:00"));
        events.add(hire(e, "e-1", "d-root", null, "2026-03-01T00:00"));
        events.add(hire(e, "e-2", "d-north", "e-1", "2026-03-01T00:00"));
        events.add(hire(e, "e-4", "d-team1", "e-2", "2026-03-01T00:00"));
        events.add(hire(e, "e-5", "d-team1", "e-4", "2026-03-01T00:00"));
        events.add(hire(e, "e-6", "d-team2", "e-2", "2026-03-01T00:00"));
        events.add(hire(e, "e-8", "d-team1", "e-4", "2026-03-01T00:00"));
        events.add(SupportLinkAssigned.newBuilder()
                .setHeader(e.header(SourceSystem.ORG, "2026-03-01T00:00", null, "d-south"))
                .setSupportDepartmentId("d-south")
                .setBusinessDepartmentId("d-team1")
                .setEffectiveDate(LocalDate.of(2026, 3, 1))
                .setActive(true)
                .build());
        events.add(DepartmentRenamed.newBuilder()
                .setHeader(e.header(SourceSystem.ORG, "2026-03-10T08:00", null, "d-team2"))
                .setDepartmentId("d-team2")
                .setNewName("Team 2 (Elite)")
                .build());
        events.add(DepartmentReparented.newBuilder()
                .setHeader(e.header(SourceSystem.ORG, "2026-03-16T00:00", null, "d-team2"))
                .setDepartmentId("d-team2")
                .setNewParentDepartmentId("d-south")
                .build());
        EmployeeMoved moved = EmployeeMoved.newBuilder()
                .setHeader(e.header(SourceSystem.ORG, "2026-03-16T08:30", "e-5", "d-team2"))
                .setEmployeeId("e-5")
                .setFromDepartmentId("d-team1")
                .setToDepartmentId("d-team2")
                .setPosition("Senior Agent")
                .setManagerId("e-6")
                .setEffectiveDate(LocalDate.of(2026, 3, 16))
                .build();
        events.add(moved);
        events.add(moved); // a duplicate: accepted once, so one row
        events.add(EmployeeLeft.newBuilder()
                .setHeader(e.header(SourceSystem.ORG, "2026-03-20T18:00", "e-8", "d-team1"))
                .setEmployeeId("e-8")
                .setDepartmentId("d-team1")
                .setLeaveDate(LocalDate.of(2026, 3, 20))
                .setVoluntary(true)
                .build());
        // The newest event: admitted too once its partition is read to its end and goes idle.
        events.add(DepartmentRenamed.newBuilder()
                .setHeader(e.header(SourceSystem.ORG, "2026-03-25T00:00", null, "d-root"))
                .setDepartmentId("d-root")
                .setNewName("Head Office")
                .build());
        rig.sendAsTheyHappened(events);
        jobs.add(rig.start());
        clickHouse = rig.clickHouse();
        EngineRig.await("the leaver's row and the newest renaming", DEADLINE, () -> everyChangeIsIn(clickHouse));
    }

    @AfterAll
    static void stop() throws Exception {
        for (JobClient job : jobs) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static EmployeeHired hire(TestEvents e, String id, String department, String manager, String when) {
        EmployeeHired hired = e.hire(id, department, when);
        hired.setManagerId(manager);
        hired.setPosition(manager == null ? "Chief Executive Officer" : "Agent");
        hired.setName("Name of " + id);
        hired.setBasePay(new BigDecimal("8000.50"));
        return hired;
    }

    @Test
    void theMovedAgentHasOneRowPerChangeFromItsEventTime() throws Exception {
        assertEquals(
                List.of(
                        "2026-02-28 16:00:00 HIRED d-team1 Agent e-4 2026-03-01",
                        "2026-03-16 00:30:00 MOVED d-team2 Senior Agent e-6 2026-03-16"),
                rows("SELECT valid_from, change, department_id, position, manager_id, business_date"
                        + " FROM org_employee_lines FINAL WHERE employee_id = 'e-5' ORDER BY valid_from"));
    }

    @Test
    void theLeaverKeepsTheDepartmentLeftAndHasNoPositionOrManager() throws Exception {
        assertEquals(
                List.of("2026-03-20 10:00:00 LEFT d-team1   2026-03-20"),
                rows("SELECT valid_from, change, department_id, position, manager_id, business_date"
                        + " FROM org_employee_lines FINAL WHERE employee_id = 'e-8' AND change = 'LEFT'"));
    }

    @Test
    void theTeamWasCreatedRenamedAndReparentedEachChangeSettingOnlyWhatItSays() throws Exception {
        assertEquals(
                List.of(
                        "2026-02-28 16:00:00 CREATED d-team2 d-north FRONT_LINE OTHER",
                        "2026-03-10 00:00:00 RENAMED Team 2 (Elite)   ",
                        "2026-03-15 16:00:00 REPARENTED  d-south  "),
                rows("SELECT valid_from, change, name, parent_id, department_type, function"
                        + " FROM org_department_lines FINAL WHERE department_id = 'd-team2' ORDER BY valid_from"));
    }

    @Test
    void namesAndBasePayOfEveryHireLandInThePersonalTable() throws Exception {
        assertEquals(
                List.of("e-1 Name of e-1 8000.50", "e-8 Name of e-8 8000.50"),
                rows("SELECT employee_id, name, base_pay FROM org_employee_personal FINAL"
                        + " WHERE employee_id IN ('e-1', 'e-8') ORDER BY employee_id"));
        assertEquals(6, count("SELECT count() FROM org_employee_personal FINAL"));
    }

    @Test
    void theSupportLinkStartsOnTheFirst() throws Exception {
        assertEquals(
                List.of("d-south d-team1 1 2026-03-01"),
                rows("SELECT support_department_id, business_department_id, active, effective_date"
                        + " FROM org_support_links FINAL"));
    }

    @Test
    void theDuplicateMoveIsOneRowAndAReplayFromTheStartWritesTheSameRows() throws Exception {
        List<String> tables =
                List.of("org_employee_lines", "org_employee_personal", "org_department_lines", "org_support_links");
        List<Long> counts = new ArrayList<>();
        for (String table : tables) {
            counts.add(count("SELECT count() FROM " + table + " FINAL"));
        }
        // 6 hires + 1 move (its duplicate dropped) + 1 leave; 5 created + 2 renamings + 1 re-parenting.
        assertEquals(List.of(8L, 6L, 8L, 1L), counts);

        // The replay: the job reads every topic again from the start (another consumer group), into a second
        // database so its rows can be compared with the first run's one by one.
        jobs.remove(0).cancel().get(30, TimeUnit.SECONDS);
        Settings replay = rig.replay("orgreplay");
        jobs.add(EngineRig.start(replay, null));
        ClickHouseConnector second = ClickHouseConnector.from(replay);
        EngineRig.await("the replay's leaver and newest renaming", DEADLINE, () -> everyChangeIsIn(second));
        for (String table : tables) {
            String all = "SELECT * FROM " + table + " FINAL ORDER BY ALL";
            assertEquals(EngineRig.rows(clickHouse, all), EngineRig.rows(second, all), table);
        }
    }

    /** The leaver, and the newest event of all, which waits for no further one: its partition goes idle past it. */
    private static boolean everyChangeIsIn(ClickHouseConnector db) throws SQLException {
        return EngineRig.count(db, "SELECT count() FROM org_employee_lines WHERE change = 'LEFT'") == 1
                && EngineRig.count(db, "SELECT count() FROM org_department_lines WHERE name = 'Head Office'") == 1;
    }

    private static List<String> rows(String sql) throws SQLException {
        return EngineRig.rows(clickHouse, sql);
    }

    private static long count(String sql) throws SQLException {
        return EngineRig.count(clickHouse, sql);
    }
}
