package io.kpipulse.scoring.card;

import io.kpipulse.scoring.rules.RuleResult;
import io.kpipulse.scoring.rules.ScoringMath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores a scorecard from values: pure arithmetic, no storage. An item whose value is absent or null scores
 * 0 points with status NO_DATA and a warning — the one outcome of an empty window and of a zero
 * denominator — so a score is always a number, and HR sees what is missing before close.
 */
public final class ScoreCalculator {

    private ScoreCalculator() {}

    /**
     * @param values by indicator id; an absent key or a null value is "no value"
     */
    public static ScoredCard score(Scorecard card, Map<String, BigDecimal> values, Optional<ManagerRating> rating) {
        List<ItemScore> items = new ArrayList<>(card.items().size());
        List<String> warnings = new ArrayList<>();
        BigDecimal system = ScoringMath.points(BigDecimal.ZERO);
        for (ScorecardItem item : card.items()) {
            BigDecimal value = values.get(item.indicatorId());
            ItemScore scored;
            if (value == null) {
                scored = new ItemScore(
                        item.indicatorId(),
                        item.perspective(),
                        item.weight(),
                        null,
                        item.rule().target(),
                        item.rule().type(),
                        ScoringMath.points(BigDecimal.ZERO),
                        ItemScore.NO_DATA,
                        "no value in the window (nothing counted, or a ratio over zero) → 0 points");
                warnings.add("NO_DATA:" + item.indicatorId());
            } else {
                RuleResult r = item.rule().score(value, item.weight());
                scored = new ItemScore(
                        item.indicatorId(),
                        item.perspective(),
                        item.weight(),
                        value,
                        item.rule().target(),
                        item.rule().type(),
                        r.points(),
                        ItemScore.SCORED,
                        r.why());
            }
            items.add(scored);
            system = system.add(scored.points());
        }
        BigDecimal manager;
        String managerWhy;
        if (rating.isPresent()) {
            ManagerRating m = rating.get();
            manager =
                    ScoringMath.points(ScoringMath.divide(m.points(), m.outOf()).multiply(card.managerShare()));
            managerWhy = ScoringMath.plain(m.points()) + " of " + ScoringMath.plain(m.outOf()) + " × "
                    + ScoringMath.plain(card.managerShare()) + " → " + manager + " points";
        } else {
            manager = ScoringMath.points(BigDecimal.ZERO);
            managerWhy = "no manager rating for the period yet → 0 points";
            warnings.add("NO_MANAGER_RATING");
        }
        BigDecimal composite = system.add(manager);
        return new ScoredCard(
                card.templateId(),
                items,
                system,
                card.systemShare(),
                manager,
                card.managerShare(),
                managerWhy,
                composite,
                card.rating(composite),
                warnings);
    }
}
