package io.kpipulse.read.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.org.EmployeeRecord.Stretch;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The org reader over the real ClickHouse engine, as of past days across moves ({@link OrgSeed}). */
class OrgReaderTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static OrgReader reader;

    @BeforeAll
    static void seed() throws Exception {
        reader = new OrgReader(OrgSeed.create(CLICKHOUSE));
    }

    private static OrgDay day(String day) {
        return new OrgDay(OrgSeed.TENANT, LocalDate.parse(day), ZoneId.of("Asia/Shanghai"));
    }

    private static List<String> ids(List<Placement> placements) {
        return placements.stream().map(Placement::employeeId).toList();
    }

    @Test
    void theTreeListsParentsBeforeChildrenWithTheNamesOfThatDay() {
        assertEquals(
                List.of(
                        new Department("d-root", "Head Office", null, "SUPPORT", "EXECUTIVE"),
                        new Department("d-north", "North", "d-root", "FRONT_LINE", "LIFE_SALES"),
                        new Department("d-team1", "Team 1", "d-north", "FRONT_LINE", "LIFE_SALES"),
                        new Department("d-team2", "Team 2", "d-north", "FRONT_LINE", "LIFE_SALES"),
                        new Department("d-south", "South", "d-root", "FRONT_LINE", "LIFE_SALES")),
                reader.tree(day("2026-03-09")));
        List<Department> after = reader.tree(day("2026-03-16"));
        assertEquals(
                List.of("d-root", "d-north", "d-team1", "d-south", "d-team2"),
                after.stream().map(Department::id).toList());
        assertEquals(new Department("d-team2", "Team 2 (Elite)", "d-south", "FRONT_LINE", "LIFE_SALES"), after.get(4));
    }

    @Test
    void oneDepartmentIsReadWithTheNameAndParentOfThatDay() {
        assertEquals(
                Optional.of(new Department("d-team2", "Team 2 (Elite)", "d-south", "FRONT_LINE", "LIFE_SALES")),
                reader.department(day("2026-03-16"), "d-team2"));
        assertEquals(Optional.empty(), reader.department(day("2026-02-28"), "d-team2"));
    }

    @Test
    void beforeTheFirstEventTheTreeIsEmpty() {
        assertEquals(List.of(), reader.tree(day("2026-02-28")));
    }

    @Test
    void membersFollowTheMoveFromTheDayItHappened() {
        OrgSnapshot fifteenth = reader.snapshot(day("2026-03-15"));
        OrgSnapshot sixteenth = reader.snapshot(day("2026-03-16"));

        assertEquals(List.of("e-4", "e-5", "e-8"), ids(fifteenth.directMembers("d-team1")));
        assertEquals(List.of("e-4", "e-8"), ids(sixteenth.directMembers("d-team1")));
        assertEquals(
                List.of(
                        new Placement("e-5", "d-team2", "Senior Agent", "e-6"),
                        new Placement("e-6", "d-team2", "Head of Team 2", "e-2")),
                sixteenth.directMembers("d-team2"));
    }

    @Test
    void aSubtreeFollowsTheReparentingAndTheMove() {
        assertEquals(
                List.of("e-2", "e-4", "e-5", "e-8", "e-6"), reader.subtreeEmployeeIds(day("2026-03-15"), "d-north"));
        assertEquals(List.of("e-2", "e-4", "e-8"), reader.subtreeEmployeeIds(day("2026-03-16"), "d-north"));
        assertEquals(List.of("e-3", "e-5", "e-6"), reader.subtreeEmployeeIds(day("2026-03-16"), "d-south"));
        assertEquals(List.of(), reader.subtreeEmployeeIds(day("2026-03-16"), "d-unknown"));
    }

    @Test
    void aLeaverIsAMemberUntilTheDayBeforeTheLeave() {
        assertEquals(
                List.of("e-4", "e-8"), ids(reader.snapshot(day("2026-03-19")).directMembers("d-team1")));
        assertEquals(List.of("e-4"), ids(reader.snapshot(day("2026-03-20")).directMembers("d-team1")));
    }

    @Test
    void aHeadMovedAwayLosesTheOldSubtreeFromTheDayOfTheMove() {
        assertEquals(List.of("d-north"), reader.departmentsHeadedBy(day("2026-03-17"), "e-2"));
        assertEquals(List.of(), reader.departmentsHeadedBy(day("2026-03-18"), "e-2"));
        assertEquals(Optional.empty(), reader.head(day("2026-03-18"), "d-north"), "nobody left in d-north");
        assertEquals(Optional.of("e-3"), reader.head(day("2026-03-18"), "d-south"), "e-2 reports to e-3 there");
    }

    @Test
    void theHeadsOverATeamAreItsOwnAndItsAncestorsHeads() {
        OrgSnapshot org = reader.snapshot(day("2026-03-17"));

        assertEquals(Optional.of("e-6"), org.head("d-team2"), "e-5 reports to e-6 inside the team");
        assertEquals(List.of("e-4", "e-2", "e-1"), org.headsOver("d-team1"));
        assertEquals(List.of("e-6", "e-3", "e-1"), org.headsOver("d-team2"), "re-parented under d-south");
    }

    @Test
    void anEmployeesRecordHasTheDayAndTheWholeHistory() {
        EmployeeRecord record = reader.employee(day("2026-03-15"), "e-5").orElseThrow();

        assertEquals(Optional.of(new Placement("e-5", "d-team1", "Agent", "e-4")), record.placement());
        assertEquals(LocalDate.parse("2024-09-02"), record.hiredOn());
        assertEquals(null, record.leftOn());
        assertEquals(
                List.of(
                        new Stretch(
                                LocalDate.parse("2026-03-01"),
                                LocalDate.parse("2026-03-15"),
                                "d-team1",
                                "Agent",
                                "e-4"),
                        new Stretch(LocalDate.parse("2026-03-16"), null, "d-team2", "Senior Agent", "e-6")),
                record.history());
    }

    @Test
    void anUnknownEmployeeHasNoRecordAndNoOtherTenantLeaks() {
        assertEquals(Optional.empty(), reader.employee(day("2026-03-15"), "e-404"));
        assertEquals(Optional.empty(), reader.employee(day("2026-03-15"), "e-1' OR 1=1 --"));
        assertEquals(
                List.of("d-root"),
                reader.tree(new OrgDay("t-other", LocalDate.parse("2026-03-15"), ZoneId.of("Asia/Shanghai"))).stream()
                        .map(Department::id)
                        .toList());
    }

    @Test
    void namesAndBasePayAreThoseOfTheTenantAndKnownByThatDay() {
        assertEquals(Map.of("e-1", "王伟", "e-5", "张敏"), reader.names(day("2026-03-15"), List.of("e-1", "e-5", "e-404")));
        assertEquals(Map.of(), reader.names(day("2026-02-28"), List.of("e-1")), "hired on the 1st");
        assertEquals(Map.of("e-5", new BigDecimal("6000.10")), reader.basePay(day("2026-03-31"), List.of("e-5")));
        assertEquals(Map.of(), reader.names(day("2026-03-15"), List.of()));
    }

    @Test
    void manyIdsAreReadForTheWholeTenantAndPickedWithoutChangingTheAnswer() {
        List<String> ids = new ArrayList<>(List.of("e-2", "e-8"));
        for (int i = 0; i < OrgReader.MAX_IN_LIST; i++) {
            ids.add("e-x" + i);
        }
        assertEquals(Map.of("e-2", "李娜", "e-8", "陈静"), reader.names(day("2026-03-31"), ids));
    }

    @Test
    void aSupportLinkHoldsUntilTheDayItEnds() {
        assertEquals(List.of(new SupportLink("d-south", "d-team1")), reader.supportLinks(day("2026-03-19")));
        assertEquals(List.of(), reader.supportLinks(day("2026-03-20")));
    }

    @Test
    void replayedCopiesOfAChangeCountOnce() {
        assertEquals(
                1,
                reader.snapshot(day("2026-03-16")).directMembers("d-team2").stream()
                        .filter(p -> p.employeeId().equals("e-5"))
                        .count());
        assertTrue(reader.employee(day("2026-03-16"), "e-5")
                        .orElseThrow()
                        .history()
                        .size()
                == 2);
    }
}
