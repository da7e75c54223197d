package io.kpipulse.api.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.indicators.CatalogService;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.Perspective;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.org.OrgSnapshot;
import io.kpipulse.scoring.EmployeeResult;
import io.kpipulse.scoring.ScoreBook;
import io.kpipulse.scoring.bonus.BonusComponent;
import io.kpipulse.scoring.bonus.BonusPlan;
import io.kpipulse.scoring.bonus.SubjectRef;
import io.kpipulse.scoring.calibration.CalibrationPolicy;
import io.kpipulse.scoring.calibration.Distribution;
import io.kpipulse.scoring.card.ManagerRating;
import io.kpipulse.scoring.card.Scorecard;
import io.kpipulse.scoring.card.ScorecardItem;
import io.kpipulse.scoring.json.DefinitionJson;
import io.kpipulse.scoring.rules.DefinitionException;
import io.kpipulse.scoring.rules.ScoringMath;
import io.kpipulse.scoring.store.AssignmentTarget;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.scoring.store.Versioned;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scoring for the routes: definitions validated against the catalog and the org before they are saved
 * (refused whole, naming the field), scores and pay from {@link ScoreBook}, names from the org directory.
 */
public final class ScoringService {

    static final int MAX_TARGETS = 10_000;
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N} ._:@-]{1,128}");
    private static final LocalDate END_OF_TIME = LocalDate.of(9999, 12, 31);

    private final ScoreBook book;
    private final ScoringStore store;
    private final OrgReader org;
    private final CatalogService catalog;
    private final Clock clock;
    private final ObjectiveService objectives;
    private final Review360Service reviews;

    /** {@code clock} decides "today" (the API's clock, so tests may fix it). */
    public ScoringService(
            ScoreBook book,
            ScoringStore store,
            OrgReader org,
            CatalogService catalog,
            Clock clock,
            ObjectiveService objectives,
            Review360Service reviews) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.objectives = Objects.requireNonNull(objectives, "objectives");
        this.reviews = Objects.requireNonNull(reviews, "reviews");
        this.book = Objects.requireNonNull(book, "book");
        this.store = Objects.requireNonNull(store, "store");
        this.org = Objects.requireNonNull(org, "org");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** MBO objectives (their own routes, {@link ReviewHandlers}). */
    public ObjectiveService objectives() {
        return objectives;
    }

    /** 360° reviews (their own routes, {@link ReviewHandlers}). */
    public Review360Service reviews() {
        return reviews;
    }

    // ---------------------------------------------------------------- definitions

    ScoringViews.VersionsView templates(Tenant tenant, LocalDate date) {
        List<ScoringViews.VersionView> out = new ArrayList<>();
        store.templateVersions(tenant.id(), date).forEach((id, versions) -> out.add(view(id, newest(versions))));
        return new ScoringViews.VersionsView(tenant.id(), date, out);
    }

    ScoringViews.VersionsView templateHistory(Tenant tenant, String templateId, LocalDate today) {
        List<Versioned<Scorecard>> versions = store.templateHistory(tenant.id(), templateId);
        if (versions.isEmpty()) {
            throw new NotFoundException("no scorecard template " + templateId + " in " + tenant.id());
        }
        return new ScoringViews.VersionsView(
                tenant.id(),
                today,
                versions.stream().map(v -> view(templateId, v)).toList());
    }

    /** Validates and saves a template version; returns the version in force before (or null) and the new one. */
    Saved<ScoringViews.VersionView> saveTemplate(Tenant tenant, JsonNode body, String savedBy) {
        LocalDate from = effectiveFrom(body);
        if (!body.path("template").isObject()) {
            throw new DefinitionException("template", "must be an object: the scorecard definition");
        }
        Scorecard card = DefinitionJson.scorecard(body.get("template"), this::perspectiveOf);
        card.validate();
        for (int i = 0; i < card.items().size(); i++) {
            ScorecardItem item = card.items().get(i);
            requireIndicator("template.items[" + i + "].indicator", item.indicatorId(), SubjectType.EMPLOYEE);
        }
        List<Versioned<Scorecard>> before =
                store.templateVersions(tenant.id(), from).get(card.templateId());
        Versioned<Scorecard> saved = store.saveTemplate(tenant.id(), card, from, savedBy);
        return new Saved<>(
                before == null ? null : view(card.templateId(), newest(before)), view(card.templateId(), saved));
    }

    ScoringViews.VersionsView plans(Tenant tenant, LocalDate date) {
        List<ScoringViews.VersionView> out = new ArrayList<>();
        store.planVersions(tenant.id(), date).forEach((id, versions) -> out.add(planView(id, newest(versions))));
        return new ScoringViews.VersionsView(tenant.id(), date, out);
    }

    Saved<ScoringViews.VersionView> savePlan(Tenant tenant, JsonNode body, String savedBy) {
        LocalDate from = effectiveFrom(body);
        if (!body.path("plan").isObject()) {
            throw new DefinitionException("plan", "must be an object: the bonus plan definition");
        }
        BonusPlan plan = DefinitionJson.bonusPlan(body.get("plan"));
        plan.validate();
        OrgSnapshot snapshot =
                org.snapshot(new OrgDay(tenant.id(), from, tenant.calendar().zone()));
        if (snapshot.department(plan.departmentId()).isEmpty()) {
            throw new DefinitionException("plan.departmentId", "no department " + plan.departmentId() + " on " + from);
        }
        for (int i = 0; i < plan.components().size(); i++) {
            BonusComponent c = plan.components().get(i);
            String field = "plan.components[" + i + "]";
            requireIndicator(
                    field + ".indicator",
                    c.indicatorId(),
                    c.subject().kind() == SubjectRef.Kind.SELF ? SubjectType.EMPLOYEE : SubjectType.DEPARTMENT);
            if (c.subject().kind() == SubjectRef.Kind.DEPARTMENT
                    && snapshot.department(c.subject().departmentId()).isEmpty()) {
                throw new DefinitionException(
                        field + ".departmentId", "no department " + c.subject().departmentId() + " on " + from);
            }
        }
        List<Versioned<BonusPlan>> before =
                store.planVersions(tenant.id(), from).get(plan.departmentId());
        Versioned<BonusPlan> saved = store.savePlan(tenant.id(), plan, from, savedBy);
        return new Saved<>(
                before == null ? null : planView(plan.departmentId(), newest(before)),
                planView(plan.departmentId(), saved));
    }

    /** One template for many employees, positions or departments in one write. */
    ScoringViews.AssignmentView assign(Tenant tenant, JsonNode body, String savedBy) {
        LocalDate from = effectiveFrom(body);
        String templateId = text(body, "templateId");
        if (templateId == null) {
            throw new DefinitionException("templateId", "is required ('' is not allowed: assign another template)");
        }
        if (store.templateHistory(tenant.id(), templateId).isEmpty()) {
            throw new DefinitionException("templateId", "no scorecard template " + templateId);
        }
        AssignmentTarget type;
        try {
            type = AssignmentTarget.valueOf(Objects.requireNonNullElse(text(body, "targetType"), ""));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException("targetType", "must be EMPLOYEE, POSITION or DEPARTMENT");
        }
        JsonNode ids = body.get("targetIds");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_TARGETS) {
            throw new DefinitionException("targetIds", "must list 1 to " + MAX_TARGETS + " ids");
        }
        Set<String> targets = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i).isTextual() ? ids.get(i).asText() : "";
            if (!ID.matcher(id).matches()) {
                throw new DefinitionException(
                        "targetIds[" + i + "]", "must be 1-128 letters, digits, spaces or '._:@-'");
            }
            targets.add(id);
        }
        OrgSnapshot snapshot =
                org.snapshot(new OrgDay(tenant.id(), from, tenant.calendar().zone()));
        int covered = covered(snapshot, type, targets);
        if (type == AssignmentTarget.DEPARTMENT) {
            int i = 0;
            for (String id : targets) {
                if (snapshot.department(id).isEmpty()) {
                    throw new DefinitionException("targetIds[" + i + "]", "no department " + id + " on " + from);
                }
                i++;
            }
        }
        long version = store.assign(tenant.id(), type, targets, templateId, from, savedBy);
        return new ScoringViews.AssignmentView(templateId, type.name(), List.copyOf(targets), from, version, covered);
    }

    /** How many employees on the day the targets cover (an employee id the org does not know counts 0). */
    private static int covered(OrgSnapshot snapshot, AssignmentTarget type, Set<String> targets) {
        return switch (type) {
            case EMPLOYEE ->
                (int) targets.stream()
                        .filter(id -> snapshot.placement(id).isPresent())
                        .count();
            case POSITION ->
                (int) snapshot.departments().stream()
                        .flatMap(d -> snapshot.directMembers(d.id()).stream())
                        .filter(p -> p.position() != null && targets.contains(p.position()))
                        .count();
            case DEPARTMENT ->
                targets.stream()
                        .flatMap(id -> snapshot.subtreeEmployeeIds(id).stream())
                        .distinct()
                        .mapToInt(id -> 1)
                        .sum();
        };
    }

    ManagerRating rate(Tenant tenant, String employeeId, JsonNode body, String ratedBy) {
        String periodKey = text(body, "period");
        Period period = period(periodKey, "period");
        JsonNode points = body.get("points");
        JsonNode outOf = body.get("outOf");
        ManagerRating rating = new ManagerRating(
                employeeId, period.id(), decimal(points, "points"), decimal(outOf, "outOf"), ratedBy, null);
        rating.validate();
        return store.rate(tenant.id(), rating);
    }

    // ---------------------------------------------------------------- scores

    Optional<EmployeeResult> employee(Tenant tenant, Period period, String employeeId) {
        return book.employee(tenant.id(), tenant.calendar().zone(), period, today(tenant), employeeId);
    }

    String nameOf(Tenant tenant, LocalDate day, String employeeId) {
        return org.names(new OrgDay(tenant.id(), day, tenant.calendar().zone()), List.of(employeeId))
                .get(employeeId);
    }

    ScoringViews.DepartmentScoresView department(
            Tenant tenant, Period period, String departmentId, CalibrationPolicy policy) {
        List<EmployeeResult> results = departmentResults(tenant, period, departmentId);
        LocalDate asOf = period.asOf(today(tenant));
        Map<String, String> names = names(tenant, asOf, results);
        List<ScoringViews.ScoreRow> rows = results.stream()
                .map(r -> new ScoringViews.ScoreRow(names.get(r.employeeId()), r))
                .toList();
        List<EmployeeResult> scored =
                results.stream().filter(r -> r.card() != null).toList();
        Distribution distribution = Distribution.of(
                scored.stream().map(r -> r.card().composite()).toList(),
                scored.stream().map(r -> r.card().rating()).toList(),
                policy);
        return new ScoringViews.DepartmentScoresView(tenant.id(), departmentId, period.id(), asOf, rows, distribution);
    }

    ScoringViews.DepartmentBonusView bonus(Tenant tenant, Period period, String departmentId) {
        List<EmployeeResult> results = departmentResults(tenant, period, departmentId);
        LocalDate asOf = period.asOf(today(tenant));
        Map<String, String> names = names(tenant, asOf, results);
        List<ScoringViews.BonusRow> rows = new ArrayList<>();
        BigDecimal base = ScoringMath.money(BigDecimal.ZERO);
        BigDecimal pay = ScoringMath.money(BigDecimal.ZERO);
        int without = 0;
        for (EmployeeResult r : results) {
            var p = r.pay();
            rows.add(new ScoringViews.BonusRow(
                    r.employeeId(),
                    names.get(r.employeeId()),
                    r.status(),
                    p == null ? null : p.basePay(),
                    p == null ? null : p.composite(),
                    p == null ? null : p.multiplier(),
                    p == null ? null : p.performancePay(),
                    p == null ? List.of() : p.multipliers()));
            if (p == null || p.performancePay() == null) {
                without++;
            } else {
                base = base.add(p.basePay());
                pay = pay.add(p.performancePay());
            }
        }
        return new ScoringViews.DepartmentBonusView(
                tenant.id(), departmentId, period.id(), asOf, rows, base, pay, without);
    }

    private List<EmployeeResult> departmentResults(Tenant tenant, Period period, String departmentId) {
        LocalDate asOf = period.asOf(today(tenant));
        if (org.department(new OrgDay(tenant.id(), asOf, tenant.calendar().zone()), departmentId)
                .isEmpty()) {
            throw new NotFoundException("no department " + departmentId + " in " + tenant.id() + " on " + asOf);
        }
        return book.department(tenant.id(), tenant.calendar().zone(), period, today(tenant), departmentId);
    }

    private Map<String, String> names(Tenant tenant, LocalDate day, List<EmployeeResult> results) {
        return org.names(
                new OrgDay(tenant.id(), day, tenant.calendar().zone()),
                results.stream().map(EmployeeResult::employeeId).toList());
    }

    private LocalDate today(Tenant tenant) {
        return tenant.today(clock);
    }

    // ---------------------------------------------------------------- helpers

    /** A save's state before (the version in force on its effective date, or null) and after. */
    record Saved<T>(T before, T after) {}

    static Period period(String raw, String field) {
        try {
            return Period.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, "must be a month 2026-03, a quarter 2026-Q1 or a year 2026");
        }
    }

    private Perspective perspectiveOf(String indicatorId) {
        return catalog.current()
                .find(indicatorId)
                .map(IndicatorDefinition::perspective)
                .orElse(null);
    }

    private void requireIndicator(String field, String indicatorId, SubjectType subject) {
        IndicatorDefinition d = catalog.current()
                .find(indicatorId)
                .orElseThrow(() -> new DefinitionException(field, "unknown indicator " + indicatorId));
        if (!d.subjects().contains(subject)) {
            throw new DefinitionException(field, "indicator " + indicatorId + " has no " + subject + " values");
        }
    }

    private static LocalDate effectiveFrom(JsonNode body) {
        String raw = text(body, "effectiveFrom");
        if (raw == null) {
            throw new DefinitionException("effectiveFrom", "is required (an ISO date)");
        }
        try {
            LocalDate d = LocalDate.parse(raw);
            if (d.isAfter(END_OF_TIME.minusDays(1))) {
                throw new DefinitionException("effectiveFrom", "must be before 9999-12-31");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new DefinitionException("effectiveFrom", "must be an ISO date like 2026-03-01");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new DefinitionException(field, "must be a string");
        }
        return v.asText();
    }

    private static BigDecimal decimal(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            if (v.isNumber()) {
                return v.decimalValue();
            }
            if (v.isTextual()) {
                return new BigDecimal(v.asText().strip());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DefinitionException(field, "must be a decimal number");
    }

    private static <T> Versioned<T> newest(List<Versioned<T>> versions) {
        return versions.get(versions.size() - 1);
    }

    private static ScoringViews.VersionView view(String id, Versioned<Scorecard> v) {
        return new ScoringViews.VersionView(
                id, v.effectiveFrom(), v.version(), v.savedBy(), v.savedAt(), DefinitionJson.json(v.value()));
    }

    private static ScoringViews.VersionView planView(String id, Versioned<BonusPlan> v) {
        return new ScoringViews.VersionView(
                id, v.effectiveFrom(), v.version(), v.savedBy(), v.savedAt(), DefinitionJson.json(v.value()));
    }
}
