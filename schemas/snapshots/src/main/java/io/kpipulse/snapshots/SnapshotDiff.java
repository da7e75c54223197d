package io.kpipulse.snapshots;

import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Every difference between two sets of snapshot lines, figure by figure: an indicator value, a base pay, a
 * department or a scoring column. Used by verification (snapshot vs recomputation: zero expected), by the
 * adjustments ledger (snapshot vs the live values now) and by the "as of" comparison of two versions.
 */
public final class SnapshotDiff {

    private SnapshotDiff() {}

    /**
     * One difference. {@code field} is an indicator id for an indicator value, or {@code base_pay},
     * {@code department}, {@code score}, {@code rating}, {@code multipliers}, {@code performance_pay}, or
     * {@code line} when a subject is on one side only. Before and after are canonical text ({@code ~} for none).
     */
    public record Difference(
            SubjectType subjectType,
            String subjectId,
            String field,
            String before,
            String after,
            BigDecimal valueBefore,
            BigDecimal valueAfter) {

        public boolean isIndicator() {
            return !List.of("line", "base_pay", "department", "score", "rating", "multipliers", "performance_pay")
                    .contains(field);
        }
    }

    public static List<Difference> between(List<SnapshotLine> before, List<SnapshotLine> after) {
        Map<String, SnapshotLine> a = index(before);
        Map<String, SnapshotLine> b = index(after);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Difference> out = new ArrayList<>();
        for (String key : keys) {
            SnapshotLine x = a.get(key);
            SnapshotLine y = b.get(key);
            if (x == null || y == null) {
                SnapshotLine only = x == null ? y : x;
                out.add(new Difference(
                        only.subjectType(),
                        only.subjectId(),
                        "line",
                        x == null ? CanonicalForm.NULL : "present",
                        y == null ? CanonicalForm.NULL : "present",
                        null,
                        null));
                compareValues(only, x == null ? empty(only) : x, y == null ? empty(only) : y, out);
                continue;
            }
            field(out, x, "department", x.departmentId(), y.departmentId());
            field(out, x, "base_pay", CanonicalForm.decimal(x.basePay()), CanonicalForm.decimal(y.basePay()));
            field(out, x, "score", CanonicalForm.decimal(x.score()), CanonicalForm.decimal(y.score()));
            field(out, x, "rating", String.valueOf(x.rating()), String.valueOf(y.rating()));
            field(
                    out,
                    x,
                    "multipliers",
                    CanonicalForm.multipliers(x.multipliers()),
                    CanonicalForm.multipliers(y.multipliers()));
            field(
                    out,
                    x,
                    "performance_pay",
                    CanonicalForm.decimal(x.performancePay()),
                    CanonicalForm.decimal(y.performancePay()));
            compareValues(x, x, y, out);
        }
        return out;
    }

    private static SnapshotLine empty(SnapshotLine like) {
        return SnapshotLine.unscored(like.subjectType(), like.subjectId(), "", null, Map.of());
    }

    private static void compareValues(SnapshotLine subject, SnapshotLine x, SnapshotLine y, List<Difference> out) {
        TreeSet<String> ids = new TreeSet<>(x.values().keySet());
        ids.addAll(y.values().keySet());
        for (String id : ids) {
            FrozenValue vx = x.values().get(id);
            FrozenValue vy = y.values().get(id);
            String tx = vx == null ? CanonicalForm.NULL : CanonicalForm.value(vx);
            String ty = vy == null ? CanonicalForm.NULL : CanonicalForm.value(vy);
            if (!tx.equals(ty)) {
                out.add(new Difference(
                        subject.subjectType(),
                        subject.subjectId(),
                        id,
                        tx,
                        ty,
                        vx == null ? null : vx.value(),
                        vy == null ? null : vy.value()));
            }
        }
    }

    private static void field(List<Difference> out, SnapshotLine line, String name, String x, String y) {
        if (!Objects.equals(x, y)) {
            out.add(new Difference(line.subjectType(), line.subjectId(), name, x, y, null, null));
        }
    }

    private static Map<String, SnapshotLine> index(List<SnapshotLine> lines) {
        Map<String, SnapshotLine> out = new HashMap<>();
        lines.forEach(l -> out.put(l.sortKey(), l));
        return out;
    }
}
