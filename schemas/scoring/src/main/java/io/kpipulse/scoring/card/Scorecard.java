package io.kpipulse.scoring.card;

import io.kpipulse.scoring.rules.DefinitionException;
import io.kpipulse.scoring.rules.ScoringMath;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scorecard template: 100 points, of which the items' weights are the system-data share and
 * {@code managerShare} the manager's rating (the seed's 70 / 30: items 20 + 20 + 30, manager 30). So the
 * composite is system points + manager points, each item's weight is the most it earns at target, and the
 * seed's worked examples add up by hand. Ratings name composite ranges.
 *
 * <p>{@link #validate} refuses a template that cannot score: weights that do not add up to
 * 100 − managerShare, an item twice, a rule that cannot score its item, ratings out of order.
 */
public record Scorecard(
        String templateId, String name, BigDecimal managerShare, List<ScorecardItem> items, List<RatingBand> ratings) {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public static final List<RatingBand> DEFAULT_RATINGS = List.of(
            new RatingBand("EXCELLENT", BigDecimal.valueOf(90)),
            new RatingBand("GOOD", BigDecimal.valueOf(80)),
            new RatingBand("MEETS", BigDecimal.valueOf(70)),
            new RatingBand("NEEDS_IMPROVEMENT", BigDecimal.valueOf(60)),
            new RatingBand("UNSATISFACTORY", BigDecimal.ZERO));

    public static final BigDecimal DEFAULT_MANAGER_SHARE = BigDecimal.valueOf(30);

    public Scorecard {
        managerShare = managerShare == null ? DEFAULT_MANAGER_SHARE : managerShare;
        items = items == null ? List.of() : List.copyOf(items);
        ratings = ratings == null || ratings.isEmpty() ? DEFAULT_RATINGS : List.copyOf(ratings);
    }

    /** The system-data share: 100 − managerShare (70 by default). */
    public BigDecimal systemShare() {
        return ScoringMath.HUNDRED.subtract(managerShare);
    }

    public void validate() {
        if (templateId == null || !ID.matcher(templateId).matches()) {
            throw new DefinitionException("templateId", "must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new DefinitionException("name", "is required (at most 200 characters)");
        }
        if (managerShare.signum() < 0 || managerShare.compareTo(ScoringMath.HUNDRED) > 0) {
            throw new DefinitionException("managerShare", "must be between 0 and 100");
        }
        if (items.isEmpty()) {
            throw new DefinitionException("items", "needs at least one item");
        }
        BigDecimal total = BigDecimal.ZERO;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "items[" + i + "]";
            ScorecardItem item = items.get(i);
            if (item.indicatorId() == null || item.indicatorId().isBlank()) {
                throw new DefinitionException(field + ".indicator", "is required");
            }
            if (!seen.add(item.indicatorId())) {
                throw new DefinitionException(field + ".indicator", "appears twice: " + item.indicatorId());
            }
            if (item.perspective() == null) {
                throw new DefinitionException(field + ".perspective", "is required");
            }
            if (item.weight() == null || item.weight().signum() <= 0) {
                throw new DefinitionException(field + ".weight", "must be above 0");
            }
            if (item.rule() == null) {
                throw new DefinitionException(field + ".rule", "is required");
            }
            item.rule().validate(field + ".rule", item.weight());
            total = total.add(item.weight());
        }
        if (total.add(managerShare).compareTo(ScoringMath.HUNDRED) != 0) {
            throw new DefinitionException(
                    "items[].weight",
                    "weights (" + ScoringMath.plain(total) + ") and managerShare (" + ScoringMath.plain(managerShare)
                            + ") must add up to 100");
        }
        validateRatings();
    }

    private void validateRatings() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ratings.size(); i++) {
            RatingBand r = ratings.get(i);
            String field = "ratings[" + i + "]";
            if (r.name() == null || !r.name().matches("[A-Z][A-Z0-9_]{0,31}")) {
                throw new DefinitionException(field + ".name", "must be an upper-case symbol like EXCELLENT");
            }
            if (!names.add(r.name())) {
                throw new DefinitionException(field + ".name", "appears twice: " + r.name());
            }
            if (r.minScore() == null) {
                throw new DefinitionException(field + ".minScore", "is required");
            }
            if (i > 0 && r.minScore().compareTo(ratings.get(i - 1).minScore()) >= 0) {
                throw new DefinitionException(field + ".minScore", "must be below the previous rating's");
            }
        }
        if (ratings.get(ratings.size() - 1).minScore().signum() != 0) {
            throw new DefinitionException(
                    "ratings[" + (ratings.size() - 1) + "].minScore", "the last rating must start at 0 (no gap)");
        }
    }

    /** The rating of a composite: the first band (highest first) whose minimum it reaches. */
    public String rating(BigDecimal composite) {
        for (RatingBand r : ratings) {
            if (composite.compareTo(r.minScore()) >= 0) {
                return r.name();
            }
        }
        return ratings.get(ratings.size() - 1).name();
    }

    /** The indicator ids of the items, in order. */
    public List<String> indicatorIds() {
        return items.stream().map(ScorecardItem::indicatorId).toList();
    }

    @Override
    public String toString() {
        return "Scorecard " + Objects.toString(templateId);
    }
}
