package io.kpipulse.scoring.mbo;

import io.kpipulse.catalog.Direction;
import io.kpipulse.scoring.rules.ScoringMath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * MBO arithmetic, no storage: an objective earns weight × attainment / 100 points, attainment capped at the
 * set's cap, rounded once per objective to 2 decimals HALF_UP (the scorecard's rule); the total is the exact
 * sum; the attainment shown is rounded to 2 decimals HALF_UP, the points use the exact one. A key result's attainment is value / target × 100 (lower is better: target / value × 100; a value of
 * 0 then reaches the cap); no value in the window, or an attainment not entered yet, earns 0.
 */
public final class MboScore {

    private MboScore() {}

    /**
     * @param values    indicator values of the subject for the period, by indicator id (absent: no value)
     * @param direction each key-result indicator's direction
     */
    public static ObjectiveProgress score(
            ObjectiveSet set, Map<String, BigDecimal> values, Function<String, Direction> direction) {
        List<ObjectiveProgress.Line> lines = new ArrayList<>();
        BigDecimal total = ScoringMath.points(BigDecimal.ZERO);
        for (Objective o : set.objectives()) {
            ObjectiveProgress.Line line;
            if (o.keyResult() != null) {
                BigDecimal value = values.get(o.keyResult().indicatorId());
                if (value == null) {
                    line = new ObjectiveProgress.Line(
                            o,
                            ObjectiveProgress.Source.NO_VALUE,
                            null,
                            BigDecimal.ZERO,
                            points(o, BigDecimal.ZERO),
                            "no value of " + o.keyResult().indicatorId() + " in the period yet → 0 points");
                } else {
                    BigDecimal attainment = attainment(
                            value,
                            o.keyResult().target(),
                            direction.apply(o.keyResult().indicatorId()),
                            set.cap());
                    BigDecimal shown = ScoringMath.points(attainment);
                    line = new ObjectiveProgress.Line(
                            o,
                            ObjectiveProgress.Source.INDICATOR,
                            value,
                            shown,
                            points(o, attainment),
                            ScoringMath.plain(value) + " against "
                                    + ScoringMath.plain(o.keyResult().target()) + " → " + ScoringMath.plain(shown)
                                    + "% (cap " + ScoringMath.plain(set.cap()) + "%)");
                }
            } else if (o.attainment() == null) {
                line = new ObjectiveProgress.Line(
                        o,
                        ObjectiveProgress.Source.NOT_ENTERED,
                        null,
                        BigDecimal.ZERO,
                        points(o, BigDecimal.ZERO),
                        "attainment not entered by the manager yet → 0 points");
            } else {
                BigDecimal attainment = ScoringMath.clamp(o.attainment(), BigDecimal.ZERO, set.cap());
                line = new ObjectiveProgress.Line(
                        o,
                        ObjectiveProgress.Source.MANAGER,
                        null,
                        attainment,
                        points(o, attainment),
                        "attainment entered by the manager: " + ScoringMath.plain(attainment) + "%");
            }
            lines.add(line);
            total = total.add(line.points());
        }
        return new ObjectiveProgress(set.subjectId(), set.period(), set.cap(), total, lines);
    }

    static BigDecimal attainment(BigDecimal value, BigDecimal target, Direction direction, BigDecimal cap) {
        if (direction == Direction.LOWER_IS_BETTER) {
            if (value.signum() <= 0) {
                return cap;
            }
            return ScoringMath.clamp(
                    ScoringMath.divide(target.multiply(ScoringMath.HUNDRED), value), BigDecimal.ZERO, cap);
        }
        return ScoringMath.clamp(ScoringMath.divide(value.multiply(ScoringMath.HUNDRED), target), BigDecimal.ZERO, cap);
    }

    private static BigDecimal points(Objective o, BigDecimal attainment) {
        return ScoringMath.points(o.weight().multiply(attainment).divide(ScoringMath.HUNDRED));
    }
}
