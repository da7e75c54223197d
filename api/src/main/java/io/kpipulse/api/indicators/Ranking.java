package io.kpipulse.api.indicators;

import io.kpipulse.catalog.Direction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders values best first and numbers them. "Best" follows the indicator's direction: the largest
 * premium, but the shortest claim cycle time — ranking a LOWER_IS_BETTER indicator by value descending
 * would put the slowest handler first. Equal values share a rank (1, 2, 2, 4) so nobody's place depends on
 * the alphabetical order of ids; the id only makes the listing order stable. Values without a value
 * (0 / 0) come last, unranked.
 */
public final class Ranking {

    private Ranking() {}

    public record Ranked(Integer rank, IndicatorValue value) {}

    public static List<Ranked> rank(List<IndicatorValue> values, Direction direction) {
        Comparator<BigDecimal> byValue =
                direction == Direction.LOWER_IS_BETTER ? Comparator.naturalOrder() : Comparator.reverseOrder();
        List<IndicatorValue> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing(IndicatorValue::value, Comparator.nullsLast(byValue))
                .thenComparing(IndicatorValue::subjectId));
        List<Ranked> ranked = new ArrayList<>(sorted.size());
        Integer rank = null;
        BigDecimal previous = null;
        for (int i = 0; i < sorted.size(); i++) {
            BigDecimal v = sorted.get(i).value();
            if (v == null) {
                rank = null;
            } else if (previous == null || v.compareTo(previous) != 0) {
                rank = i + 1;
            }
            previous = v;
            ranked.add(new Ranked(rank, sorted.get(i)));
        }
        return ranked;
    }
}
