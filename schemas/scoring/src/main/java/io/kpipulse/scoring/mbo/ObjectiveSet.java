package io.kpipulse.scoring.mbo;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.scoring.rules.DefinitionException;
import io.kpipulse.scoring.rules.ScoringMath;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The objectives of one subject (an employee, or a department: the root department's are the company's) for
 * one period, saved whole by their manager or HR. {@code cap} is the highest attainment that counts, in
 * percent (over-delivery counts up to it).
 */
public record ObjectiveSet(
        SubjectType subjectType, String subjectId, String period, BigDecimal cap, List<Objective> objectives) {

    public static final BigDecimal DEFAULT_CAP = BigDecimal.valueOf(120);
    static final BigDecimal MAX_CAP = BigDecimal.valueOf(200);
    static final int MAX_OBJECTIVES = 50;

    public ObjectiveSet {
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(period, "period");
        cap = cap == null ? DEFAULT_CAP : cap;
        objectives = List.copyOf(objectives);
    }

    /**
     * Refuses the set whole, naming the field: weights above 0 adding up to exactly 100, unique ids, a
     * title, a key result or an attainment (not both), attainment 0..200, a positive key-result target.
     */
    public void validate() {
        if (cap.compareTo(ScoringMath.HUNDRED) < 0 || cap.compareTo(MAX_CAP) > 0) {
            throw new DefinitionException("cap", "must be between 100 and 200 (percent)");
        }
        if (objectives.isEmpty()) {
            throw new DefinitionException("objectives", "must hold at least one objective");
        }
        if (objectives.size() > MAX_OBJECTIVES) {
            throw new DefinitionException("objectives", "at most " + MAX_OBJECTIVES + " objectives");
        }
        Set<String> ids = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < objectives.size(); i++) {
            Objective o = objectives.get(i);
            String at = "objectives[" + i + "]";
            if (o.objectiveId() == null || !o.objectiveId().matches("[A-Za-z0-9._:-]{1,64}")) {
                throw new DefinitionException(at + ".objectiveId", "1-64 letters, digits, '.', '_', ':' or '-'");
            }
            if (!ids.add(o.objectiveId())) {
                throw new DefinitionException(at + ".objectiveId", "is used twice");
            }
            if (o.title() == null || o.title().isBlank() || o.title().length() > 200) {
                throw new DefinitionException(at + ".title", "is required (at most 200 characters)");
            }
            if (o.weight() == null || o.weight().signum() <= 0) {
                throw new DefinitionException(at + ".weight", "must be above 0");
            }
            total = total.add(o.weight());
            if (o.keyResult() != null && o.attainment() != null) {
                throw new DefinitionException(at, "either a key result or an entered attainment, not both");
            }
            if (o.keyResult() != null) {
                if (o.keyResult().indicatorId() == null
                        || o.keyResult().indicatorId().isBlank()) {
                    throw new DefinitionException(at + ".keyResult.indicator", "is required");
                }
                if (o.keyResult().target() == null || o.keyResult().target().signum() <= 0) {
                    throw new DefinitionException(at + ".keyResult.target", "must be above 0");
                }
            }
            // Over-delivery may be entered as it happened; the score counts it up to the cap.
            if (o.attainment() != null
                    && (o.attainment().signum() < 0 || o.attainment().compareTo(MAX_CAP) > 0)) {
                throw new DefinitionException(at + ".attainment", "must be between 0 and 200 (percent)");
            }
        }
        if (total.compareTo(ScoringMath.HUNDRED) != 0) {
            throw new DefinitionException(
                    "objectives", "weights must add up to 100 (they add up to " + ScoringMath.plain(total) + ")");
        }
    }
}
