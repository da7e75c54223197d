package io.kpipulse.read.org;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeadRuleTest {

    private static Placement p(String id, String manager) {
        return new Placement(id, "d-1", "staff", manager);
    }

    @Test
    void theOneMemberReportingOutsideTheDepartmentIsItsHead() {
        assertEquals(
                Optional.of("e-head"),
                HeadRule.headOf(List.of(p("e-a", "e-head"), p("e-head", "e-boss"), p("e-b", "e-head"))));
    }

    @Test
    void aMemberWithoutManagerReportsOutsideToo() {
        assertEquals(Optional.of("e-ceo"), HeadRule.headOf(List.of(p("e-ceo", null), p("e-a", "e-ceo"))));
    }

    @Test
    void aDepartmentOfOneIsHeadedByItsMember() {
        assertEquals(Optional.of("e-1"), HeadRule.headOf(List.of(p("e-1", "e-outside"))));
    }

    @Test
    void amongSeveralOutsideReportersTheOneWithMostReportsHeads() {
        // A newcomer still reporting to their old manager elsewhere does not make the head ambiguous.
        assertEquals(
                Optional.of("e-head"),
                HeadRule.headOf(List.of(
                        p("e-newcomer", "e-old-boss"), p("e-head", "e-boss"), p("e-a", "e-head"), p("e-b", "e-head"))));
    }

    @Test
    void whenTheHeadLeftAndTheTeamStillReportsToThemThereIsNoHead() {
        assertEquals(Optional.empty(), HeadRule.headOf(List.of(p("e-a", "e-gone"), p("e-b", "e-gone"))));
    }

    @Test
    void aTieInReportsIsNoHead() {
        assertEquals(
                Optional.empty(),
                HeadRule.headOf(List.of(p("e-x", "e-boss"), p("e-y", "e-boss"), p("e-a", "e-x"), p("e-b", "e-y"))));
    }

    @Test
    void anEmptyDepartmentOrACircleOfManagersHasNoHead() {
        assertEquals(Optional.empty(), HeadRule.headOf(List.of()));
        assertEquals(Optional.empty(), HeadRule.headOf(List.of(p("e-a", "e-b"), p("e-b", "e-a"))));
    }
}
