package io.kpipulse.scoring;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.org.OrgSnapshot;
import io.kpipulse.read.org.Placement;
import io.kpipulse.read.values.BulkValueQuery;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.SubjectSet;
import io.kpipulse.read.values.ValueGrid;
import io.kpipulse.scoring.bonus.BonusComponent;
import io.kpipulse.scoring.bonus.BonusPlan;
import io.kpipulse.scoring.bonus.Pay;
import io.kpipulse.scoring.bonus.PayCalculator;
import io.kpipulse.scoring.card.ManagerRating;
import io.kpipulse.scoring.card.ScoreCalculator;
import io.kpipulse.scoring.card.Scorecard;
import io.kpipulse.scoring.card.ScoredCard;
import io.kpipulse.scoring.store.AssignmentTarget;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.scoring.store.Versioned;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The entry point of scoring: per employee of a tenant, for a period, every item, system / manager /
 * composite score, rating, multipliers, base pay and performance pay, computed on read from the values
 * reader, the org directory and the stored definitions. Period close freezes what this returns.
 *
 * <p>What is read as of which day:
 * <ul>
 *   <li>the org (who works where, in which position, base pay) and assignments: as of the period's as-of
 *       day (its last day once over, else today, see {@link Period#asOf});
 *   <li>the template and bonus plan versions: see {@link Versioned#forPeriod} (the version in force on the
 *       period's first day, so a change mid-period applies from the next period);
 *   <li>values: the period's "to date" window (MONTH_TO_DATE …) as of the as-of day, through
 *       {@link IndicatorValueReader} only; the manager rating stored for the period.
 * </ul>
 * The values of a group are read in bulk ({@link IndicatorValueReader#bulkValues}): every indicator of every
 * card at once, one query per 2,000 employees, and one for the departments bonus components read.
 */
public final class ScoreBook {

    private final IndicatorValueReader values;
    private final OrgReader org;
    private final ScoringStore store;

    public ScoreBook(IndicatorValueReader values, OrgReader org, ScoringStore store) {
        this.values = Objects.requireNonNull(values, "values");
        this.org = Objects.requireNonNull(org, "org");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Every employee of the tenant on the as-of day, by employee id. */
    public List<EmployeeResult> all(String tenantId, ZoneId zone, Period period, LocalDate today) {
        Context ctx = context(tenantId, zone, period, today);
        return score(ctx, allPlacements(ctx));
    }

    /** The employees of a department's subtree on the as-of day (empty for an unknown department). */
    public List<EmployeeResult> department(
            String tenantId, ZoneId zone, Period period, LocalDate today, String departmentId) {
        Context ctx = context(tenantId, zone, period, today);
        return score(ctx, ctx.snapshot.members(departmentId, true));
    }

    /** One employee; empty when not employed on the as-of day. */
    public Optional<EmployeeResult> employee(
            String tenantId, ZoneId zone, Period period, LocalDate today, String employeeId) {
        Context ctx = context(tenantId, zone, period, today);
        return ctx.snapshot
                .placement(employeeId)
                .map(p -> score(ctx, List.of(p)).get(0));
    }

    /** What one scoring run reads once: the org on the as-of day and the definitions in force. */
    private static final class Context {
        final String tenantId;
        final Period period;
        final LocalDate asOf;
        final OrgDay day;
        final OrgSnapshot snapshot;
        final Map<AssignmentTarget, Map<String, String>> assignments;
        final Map<String, List<Versioned<Scorecard>>> templates;
        final Map<String, List<Versioned<BonusPlan>>> plans;

        Context(
                String tenantId,
                Period period,
                LocalDate asOf,
                OrgDay day,
                OrgSnapshot snapshot,
                Map<AssignmentTarget, Map<String, String>> assignments,
                Map<String, List<Versioned<Scorecard>>> templates,
                Map<String, List<Versioned<BonusPlan>>> plans) {
            this.tenantId = tenantId;
            this.period = period;
            this.asOf = asOf;
            this.day = day;
            this.snapshot = snapshot;
            this.assignments = assignments;
            this.templates = templates;
            this.plans = plans;
        }
    }

    private Context context(String tenantId, ZoneId zone, Period period, LocalDate today) {
        LocalDate asOf = period.asOf(today);
        OrgDay day = new OrgDay(tenantId, asOf, zone);
        return new Context(
                tenantId,
                period,
                asOf,
                day,
                org.snapshot(day),
                store.assignments(tenantId, asOf),
                store.templateVersions(tenantId, asOf),
                store.planVersions(tenantId, asOf));
    }

    private static List<Placement> allPlacements(Context ctx) {
        List<Placement> out = new ArrayList<>();
        ctx.snapshot.departments().forEach(d -> out.addAll(ctx.snapshot.directMembers(d.id())));
        out.sort((a, b) -> a.employeeId().compareTo(b.employeeId()));
        return out;
    }

    private List<EmployeeResult> score(Context ctx, List<Placement> people) {
        Map<String, Optional<Versioned<Scorecard>>> cards = new HashMap<>();
        Map<String, Versioned<Scorecard>> cardOf = new LinkedHashMap<>();
        Map<String, Set<String>> employeesByIndicator = new LinkedHashMap<>();
        for (Placement p : people) {
            String templateId = templateOf(ctx, p);
            if (templateId == null) {
                continue;
            }
            Optional<Versioned<Scorecard>> card = cards.computeIfAbsent(
                    templateId,
                    id -> Versioned.forPeriod(ctx.templates.getOrDefault(id, List.of()), ctx.period.start()));
            card.ifPresent(c -> {
                cardOf.put(p.employeeId(), c);
                c.value()
                        .indicatorIds()
                        .forEach(i -> employeesByIndicator
                                .computeIfAbsent(i, k -> new LinkedHashSet<>())
                                .add(p.employeeId()));
            });
        }
        Map<String, BonusPlanChoice> planOf = new HashMap<>();
        Map<String, Set<String>> departmentsNeeded = new LinkedHashMap<>();
        for (Placement p : people) {
            planFor(ctx, p.departmentId()).ifPresent(plan -> {
                planOf.put(p.employeeId(), plan);
                for (BonusComponent c : plan.plan().components()) {
                    String department = departmentOf(c, p);
                    if (department == null) {
                        employeesByIndicator
                                .computeIfAbsent(c.indicatorId(), k -> new LinkedHashSet<>())
                                .add(p.employeeId());
                    } else {
                        departmentsNeeded
                                .computeIfAbsent(department, k -> new LinkedHashSet<>())
                                .add(c.indicatorId());
                    }
                }
            });
        }
        Map<String, Map<String, BigDecimal>> employeeValues = employeeValues(ctx, employeesByIndicator);
        Map<String, Map<String, BigDecimal>> departmentValues = departmentValues(ctx, departmentsNeeded);
        Map<String, ManagerRating> ratings = cardOf.isEmpty() ? Map.of() : store.ratings(ctx.tenantId, ctx.period.id());
        Map<String, BigDecimal> basePay = cardOf.isEmpty() ? Map.of() : org.basePay(ctx.day, cardOf.keySet());

        List<EmployeeResult> out = new ArrayList<>(people.size());
        for (Placement p : people) {
            Versioned<Scorecard> card = cardOf.get(p.employeeId());
            if (card == null) {
                out.add(new EmployeeResult(
                        p.employeeId(),
                        p.departmentId(),
                        p.position(),
                        ctx.period.id(),
                        ctx.asOf,
                        EmployeeResult.NO_SCORECARD,
                        templateOf(ctx, p),
                        null,
                        null,
                        null,
                        null,
                        null));
                continue;
            }
            Map<String, BigDecimal> own = employeeValues.getOrDefault(p.employeeId(), Map.of());
            ScoredCard scored =
                    ScoreCalculator.score(card.value(), own, Optional.ofNullable(ratings.get(p.employeeId())));
            BonusPlanChoice plan = planOf.get(p.employeeId());
            Map<BonusComponent, BigDecimal> componentValues = new IdentityHashMap<>();
            if (plan != null) {
                for (BonusComponent c : plan.plan().components()) {
                    String department = departmentOf(c, p);
                    BigDecimal v = department == null
                            ? own.get(c.indicatorId())
                            : departmentValues
                                    .getOrDefault(department, Map.of())
                                    .get(c.indicatorId());
                    if (v != null) {
                        componentValues.put(c, v);
                    }
                }
            }
            Pay pay = PayCalculator.pay(
                    basePay.get(p.employeeId()),
                    scored.composite(),
                    plan == null ? null : plan.plan(),
                    componentValues);
            out.add(new EmployeeResult(
                    p.employeeId(),
                    p.departmentId(),
                    p.position(),
                    ctx.period.id(),
                    ctx.asOf,
                    EmployeeResult.SCORED,
                    card.value().templateId(),
                    card.effectiveFrom(),
                    card.version(),
                    scored,
                    plan == null ? null : plan.plan().departmentId(),
                    pay));
        }
        return out;
    }

    /** EMPLOYEE assignment, then POSITION, then the nearest department (own, then ancestors). */
    private static String templateOf(Context ctx, Placement p) {
        String byEmployee = ctx.assignments.get(AssignmentTarget.EMPLOYEE).get(p.employeeId());
        if (byEmployee != null) {
            return byEmployee;
        }
        if (p.position() != null) {
            String byPosition = ctx.assignments.get(AssignmentTarget.POSITION).get(p.position());
            if (byPosition != null) {
                return byPosition;
            }
        }
        Map<String, String> byDepartment = ctx.assignments.get(AssignmentTarget.DEPARTMENT);
        Set<String> seen = new HashSet<>();
        String current = p.departmentId();
        while (current != null && seen.add(current)) {
            String t = byDepartment.get(current);
            if (t != null) {
                return t;
            }
            current = ctx.snapshot.department(current).map(d -> d.parentId()).orElse(null);
        }
        return null;
    }

    private record BonusPlanChoice(BonusPlan plan) {}

    private static Optional<BonusPlanChoice> planFor(Context ctx, String departmentId) {
        Set<String> seen = new HashSet<>();
        String current = departmentId;
        while (current != null && seen.add(current)) {
            List<Versioned<BonusPlan>> versions = ctx.plans.get(current);
            if (versions != null) {
                Optional<Versioned<BonusPlan>> v = Versioned.forPeriod(versions, ctx.period.start());
                if (v.isPresent()) {
                    return Optional.of(new BonusPlanChoice(v.get().value()));
                }
            }
            current = ctx.snapshot.department(current).map(d -> d.parentId()).orElse(null);
        }
        return Optional.empty();
    }

    /**
     * Values by employee and indicator: one bulk read of every indicator any of them needs (an employee's
     * map may hold indicators of other cards; scoring looks up its own items only).
     */
    private Map<String, Map<String, BigDecimal>> employeeValues(Context ctx, Map<String, Set<String>> byIndicator) {
        Set<String> employees = new LinkedHashSet<>();
        byIndicator.values().forEach(employees::addAll);
        return defined(read(ctx, SubjectType.EMPLOYEE, employees, byIndicator.keySet()));
    }

    /** Departments' values of the indicators bonus components read: one bulk read for all of them. */
    private Map<String, Map<String, BigDecimal>> departmentValues(Context ctx, Map<String, Set<String>> needed) {
        Set<String> indicators = new LinkedHashSet<>();
        needed.values().forEach(indicators::addAll);
        return defined(read(ctx, SubjectType.DEPARTMENT, needed.keySet(), indicators));
    }

    private ValueGrid read(Context ctx, SubjectType type, Set<String> subjects, Set<String> indicators) {
        if (subjects.isEmpty() || indicators.isEmpty()) {
            return new ValueGrid(Map.of());
        }
        return values.bulkValues(new BulkValueQuery(
                ctx.tenantId,
                type,
                SubjectSet.ids(List.copyOf(subjects)),
                List.copyOf(indicators),
                ctx.period.kind().window(),
                ctx.asOf));
    }

    /** The defined values only: an undefined one (0 / 0) scores as no value. */
    private static Map<String, Map<String, BigDecimal>> defined(ValueGrid grid) {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        grid.bySubject()
                .forEach((subject, byIndicator) -> byIndicator.forEach((indicator, v) -> {
                    if (v.value() != null) {
                        out.computeIfAbsent(subject, k -> new HashMap<>()).put(indicator, v.value());
                    }
                }));
        return out;
    }

    /** The department a component reads for an employee: null for SELF. */
    private static String departmentOf(BonusComponent c, Placement p) {
        return switch (c.subject().kind()) {
            case SELF -> null;
            case OWN_DEPARTMENT -> p.departmentId();
            case DEPARTMENT -> c.subject().departmentId();
        };
    }
}
