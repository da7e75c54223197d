package io.kpipulse.scoring.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.scoring.rules.DefinitionException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The minimum-raters rule: a relationship below the minimum shows nothing of itself, not even its count. */
class Review360Test {

    private static ReviewAnswer answer(String rater, RaterRelationship r, String communication, String teamwork) {
        return new ReviewAnswer(
                "e-9",
                "2026-03",
                rater,
                r,
                Map.of("communication", new BigDecimal(communication), "teamwork", new BigDecimal(teamwork)));
    }

    @Test
    void twoPeersOfAMinimumOfThreeShowOnlyNotEnoughRatersAndNoScore() {
        ReviewSummary s = Review360.summarize(
                "e-9",
                "2026-03",
                List.of(
                        answer("p-1", RaterRelationship.PEER, "5", "4"),
                        answer("p-2", RaterRelationship.PEER, "1", "2")),
                3);
        assertEquals(ReviewSummary.NOT_ENOUGH_RATERS, s.status());
        assertNull(s.score());
        var peers = s.relationships().get(0);
        assertEquals(ReviewSummary.NOT_ENOUGH_RATERS, peers.status());
        assertNull(peers.raters());
        assertTrue(peers.competencies().isEmpty());
        assertTrue(!s.toString().contains("p-1") && !s.toString().contains("p-2"), "no rater id in the summary");
    }

    @Test
    void exactlyTheMinimumShowsMeansPerCompetencyAndTheScoreLeavesSelfOut() {
        List<ReviewAnswer> answers = new ArrayList<>(List.of(
                answer("p-1", RaterRelationship.PEER, "5", "4"),
                answer("p-2", RaterRelationship.PEER, "4", "4"),
                answer("p-3", RaterRelationship.PEER, "4", "3"),
                answer("m-1", RaterRelationship.MANAGER, "2", "2"),
                answer("e-9", RaterRelationship.SELF, "5", "5")));
        ReviewSummary s = Review360.summarize("e-9", "2026-03", answers, 3);
        assertEquals(ReviewSummary.SHOWN, s.status());
        // Peers only (the single manager is suppressed, self never counts): (5+4+4+4+4+3) / 6 = 4.00.
        assertEquals(new BigDecimal("4.00"), s.score());
        var manager = s.relationships().get(0);
        assertEquals(RaterRelationship.MANAGER, manager.relationship());
        assertEquals(ReviewSummary.NOT_ENOUGH_RATERS, manager.status());
        var peers = s.relationships().get(1);
        assertEquals(3, peers.raters());
        // communication (5+4+4)/3 = 4.333… → 4.33; teamwork (4+4+3)/3 = 3.666… → 3.67 (HALF_UP).
        assertEquals(
                List.of(
                        new ReviewSummary.CompetencyMean("communication", new BigDecimal("4.33")),
                        new ReviewSummary.CompetencyMean("teamwork", new BigDecimal("3.67"))),
                peers.competencies());
        var self = s.relationships().get(2);
        assertEquals(ReviewSummary.SHOWN, self.status(), "self is one person and not anonymous");
    }

    @Test
    void answersOutsideOneToFiveOrWithoutCompetenciesAreRefusedNamingTheField() {
        var e = assertThrows(
                DefinitionException.class,
                () -> ReviewAnswer.validated(
                        "e-9", "2026-03", "p-1", RaterRelationship.PEER, Map.of("teamwork", new BigDecimal("5.01"))));
        assertEquals("answers.teamwork", e.field());
        e = assertThrows(
                DefinitionException.class,
                () -> ReviewAnswer.validated("e-9", "2026-03", "p-1", RaterRelationship.PEER, Map.of()));
        assertEquals("answers", e.field());
        assertEquals(
                new BigDecimal("1"),
                ReviewAnswer.validated(
                                "e-9", "2026-03", "p-1", RaterRelationship.PEER, Map.of("teamwork", BigDecimal.ONE))
                        .competencyScores()
                        .get("teamwork"));
    }
}
