package io.kpipulse.snapshots;

import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One employee or department of a snapshot: every indicator value of the period (by indicator id), and for an
 * employee the department and monthly base pay as of the period's last day and what scoring made of them:
 * score, rating, multipliers (by name) and performance pay. Scoring figures are null when no scoring was wired
 * into the freeze ({@link PeriodFigures}); they are never invented.
 */
public record SnapshotLine(
        SubjectType subjectType,
        String subjectId,
        String departmentId,
        BigDecimal basePay,
        BigDecimal score,
        String rating,
        SortedMap<String, BigDecimal> multipliers,
        BigDecimal performancePay,
        SortedMap<String, FrozenValue> values) {

    public SnapshotLine {
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        departmentId = departmentId == null ? "" : departmentId;
        multipliers = sorted(multipliers);
        // Kept as they are when the capture built them (FrozenFigures is immutable): no copy per line.
        values = FrozenFigures.copyOf(values);
    }

    /** A line of indicator values and org facts only, before scoring. */
    public static SnapshotLine unscored(
            SubjectType subjectType,
            String subjectId,
            String departmentId,
            BigDecimal basePay,
            Map<String, FrozenValue> values) {
        return new SnapshotLine(
                subjectType,
                subjectId,
                departmentId,
                basePay,
                null,
                null,
                new TreeMap<>(),
                null,
                FrozenFigures.copyOf(values));
    }

    /** This line with scoring's figures. */
    public SnapshotLine scored(
            BigDecimal score, String rating, Map<String, BigDecimal> multipliers, BigDecimal performancePay) {
        return new SnapshotLine(
                subjectType,
                subjectId,
                departmentId,
                basePay,
                score,
                rating,
                new TreeMap<>(multipliers),
                performancePay,
                values);
    }

    /** Lines sort by subject type, then id: the order of the canonical form and of every listing. */
    public String sortKey() {
        return subjectType.name() + '\u0000' + subjectId;
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        return map == null ? new TreeMap<>() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
