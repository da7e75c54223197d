package io.kpipulse.scoring.card;

import java.math.BigDecimal;
import java.util.List;

/**
 * A scorecard scored: items, system points (the exact sum of the items' rounded points, of
 * {@code systemShare}), manager points (of {@code managerShare}), the composite (their sum) and its rating.
 *
 * @param managerPoints 0 when there is no rating yet (warning NO_MANAGER_RATING)
 * @param warnings NO_DATA:&lt;indicator&gt; per item without a value, NO_MANAGER_RATING
 */
public record ScoredCard(
        String templateId,
        List<ItemScore> items,
        BigDecimal systemPoints,
        BigDecimal systemShare,
        BigDecimal managerPoints,
        BigDecimal managerShare,
        String managerWhy,
        BigDecimal composite,
        String rating,
        List<String> warnings) {

    public ScoredCard {
        items = List.copyOf(items);
        warnings = List.copyOf(warnings);
    }

    public boolean complete() {
        return warnings.isEmpty();
    }
}
