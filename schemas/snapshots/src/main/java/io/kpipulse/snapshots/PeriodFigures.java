package io.kpipulse.snapshots;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.scoring.EmployeeResult;
import io.kpipulse.scoring.ScoreBook;
import io.kpipulse.scoring.bonus.AppliedMultiplier;
import io.kpipulse.scoring.bonus.BonusPlan;
import io.kpipulse.scoring.bonus.Pay;
import io.kpipulse.scoring.card.Scorecard;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.scoring.store.Versioned;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one place a freeze obtains scores, ratings, multipliers and performance pay: {@link ScoreBook}, over the
 * same values reader and org directory the capture read (so the verification command, capturing a recomputed
 * database, recomputes the scores and pay from the recomputed values too) and the scoring definitions of
 * {@link ScoringStore}. Scored as of the period's last day, whenever the freeze runs: a forced early freeze and
 * its verification months later score the same day. Departments and employees ScoreBook does not score (no
 * scorecard, or no longer placed on the last day) keep null scoring columns: a sheet never shows a score nobody
 * computed.
 *
 * <p>The versions recorded in the snapshot header name what was applied: every scorecard template version that
 * scored someone ({@code templateId@effectiveFrom#version}, sorted) and every bonus plan version
 * ({@code departmentId@effectiveFrom#version}); {@code none} when nothing applied.
 */
public final class PeriodFigures {

    /** The lines scored, and the versions of the scorecards and bonus plans that scored them. */
    public record Scored(List<SnapshotLine> lines, String scoringVersion, String bonusRulesVersion) {}

    static final String NONE = "none";

    private final ScoringStore definitions;

    public PeriodFigures(ScoringStore definitions) {
        this.definitions = Objects.requireNonNull(definitions, "definitions");
    }

    /** {@code lines} (values, departments, base pay) with each scored employee's figures filled in. */
    public Scored score(
            IndicatorValueReader values,
            OrgReader org,
            String tenantId,
            ZoneId zone,
            Period period,
            List<SnapshotLine> lines) {
        LocalDate asOf = period.end();
        Map<String, List<Versioned<Scorecard>>> templates = definitions.templateVersions(tenantId, asOf);
        if (templates.isEmpty()) {
            // Without a scorecard nobody is scored (pay is base × score): skip ScoreBook's second read of the org.
            return new Scored(lines, NONE, NONE);
        }
        Map<String, EmployeeResult> results = new HashMap<>();
        for (EmployeeResult r : new ScoreBook(values, org, definitions).all(tenantId, zone, period, asOf)) {
            if (EmployeeResult.SCORED.equals(r.status())) {
                results.put(r.employeeId(), r);
            }
        }
        List<SnapshotLine> scored = new ArrayList<>(lines.size());
        for (SnapshotLine line : lines) {
            EmployeeResult r = line.subjectType() == SubjectType.EMPLOYEE ? results.get(line.subjectId()) : null;
            scored.add(r == null ? line : scored(line, r));
        }
        return new Scored(
                scored, scoringVersion(results.values()), bonusVersion(tenantId, period, asOf, results.values()));
    }

    private static SnapshotLine scored(SnapshotLine line, EmployeeResult r) {
        Pay pay = r.pay();
        Map<String, BigDecimal> multipliers = new TreeMap<>();
        if (pay != null) {
            for (AppliedMultiplier m : pay.multipliers()) {
                multipliers.put(m.name(), m.multiplier());
            }
        }
        return line.scored(
                r.card().composite(), r.card().rating(), multipliers, pay == null ? null : pay.performancePay());
    }

    private static String scoringVersion(Iterable<EmployeeResult> results) {
        TreeSet<String> used = new TreeSet<>();
        for (EmployeeResult r : results) {
            used.add(r.templateId() + '@' + r.templateEffectiveFrom() + '#' + r.templateVersion());
        }
        return used.isEmpty() ? NONE : String.join(",", used);
    }

    /** The plan versions ScoreBook applied: the version in force on the period's first day, as it chooses them. */
    private String bonusVersion(String tenantId, Period period, LocalDate asOf, Iterable<EmployeeResult> results) {
        Map<String, List<Versioned<BonusPlan>>> plans = definitions.planVersions(tenantId, asOf);
        TreeSet<String> used = new TreeSet<>();
        for (EmployeeResult r : results) {
            if (r.bonusPlanDepartment() != null) {
                Versioned.forPeriod(plans.getOrDefault(r.bonusPlanDepartment(), List.of()), period.start())
                        .ifPresent(
                                v -> used.add(r.bonusPlanDepartment() + '@' + v.effectiveFrom() + '#' + v.version()));
            }
        }
        return used.isEmpty() ? NONE : String.join(",", used);
    }
}
