package io.kpipulse.api.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.kpipulse.api.audit.AuditEntry;
import io.kpipulse.api.audit.AuditLog;
import io.kpipulse.api.auth.ForbiddenException;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.periods.PeriodKind;
import io.kpipulse.scoring.EmployeeResult;
import io.kpipulse.scoring.calibration.CalibrationPolicy;
import io.kpipulse.scoring.card.ManagerRating;
import io.kpipulse.scoring.json.DefinitionJson;
import io.kpipulse.scoring.rules.DefinitionException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The scoring routes under {@code /api/v1/tenants/{tenant}/scoring}: definitions (read by everyone signed
 * in, written by HR and administrators), scored scorecards, department score tables with distribution and
 * calibration, bonus figures (within the caller's {@link Scope} on the period's as-of day) and manager
 * ratings (HR, or a department head for their subtree, never themselves). Every write is audited, refused
 * ones too; an invalid definition is refused whole with 400 INVALID_DEFINITION naming the field.
 */
public final class ScoringHandlers {

    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:@-]{1,128}");

    private final TenantDirectory tenants;
    private final ScoringService scoring;
    private final Scope scope;
    private final AuditLog audit;

    public ScoringHandlers(TenantDirectory tenants, ScoringService scoring, Scope scope, AuditLog audit) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.scoring = Objects.requireNonNull(scoring, "scoring");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    // ---------------------------------------------------------------- definitions

    public void templates(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        ScoringJson.write(ctx, 200, scoring.templates(tenant, date));
    }

    public void templateVersions(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String id = id("templateId", ctx.pathParam("templateId"));
        ScoringJson.write(ctx, 200, scoring.templateHistory(tenant, id, tenant.today(tenants.clock())));
    }

    public void saveTemplate(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        var saved = audited(ctx, tenant, "scoring.template.save", "scorecard-template", () -> {
            JsonNode body = DefinitionJson.tree(ctx.body());
            return scoring.saveTemplate(tenant, body, principal.subject());
        });
        ScoringJson.write(ctx, 201, saved.after());
    }

    public void plans(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        ScoringJson.write(ctx, 200, scoring.plans(tenant, date));
    }

    public void savePlan(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        var saved = audited(ctx, tenant, "scoring.bonus-plan.save", "bonus-plan", () -> {
            JsonNode body = DefinitionJson.tree(ctx.body());
            return scoring.savePlan(tenant, body, principal.subject());
        });
        ScoringJson.write(ctx, 201, saved.after());
    }

    public void assign(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        var saved = audited(ctx, tenant, "scoring.assignment.save", "scorecard-assignment", () -> {
            var view = scoring.assign(tenant, DefinitionJson.tree(ctx.body()), principal.subject());
            return new ScoringService.Saved<>(null, view);
        });
        ScoringJson.write(ctx, 201, saved.after());
    }

    public void rate(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String employeeId = id("employeeId", ctx.pathParam("employeeId"));
        Principal principal = Principal.of(ctx);
        LocalDate today = tenant.today(tenants.clock());
        boolean hr = principal.has(Role.HR);
        if (!hr && employeeId.equals(principal.employeeId())) {
            throw new ForbiddenException("employeeId: nobody rates themselves");
        }
        if (!hr) {
            scope.require(principal, today, SubjectType.EMPLOYEE, employeeId);
        }
        var saved = audited(ctx, tenant, "scoring.rating.save", "EMPLOYEE/" + employeeId, () -> {
            ManagerRating r = scoring.rate(tenant, employeeId, DefinitionJson.tree(ctx.body()), principal.subject());
            return new ScoringService.Saved<>(
                    null,
                    new ScoringViews.RatingView(
                            r.employeeId(), r.period(), r.points(), r.outOf(), r.ratedBy(), r.ratedAt()));
        });
        ScoringJson.write(ctx, 201, saved.after());
    }

    // ---------------------------------------------------------------- scores

    public void employee(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String employeeId = id("employeeId", ctx.pathParam("employeeId"));
        Period period = period(ctx, tenant);
        LocalDate asOf = period.asOf(tenant.today(tenants.clock()));
        scope.require(Principal.of(ctx), asOf, SubjectType.EMPLOYEE, employeeId);
        EmployeeResult result = scoring.employee(tenant, period, employeeId)
                .orElseThrow(() -> new NotFoundException(
                        "employee " + employeeId + " is not employed in " + tenant.id() + " on " + asOf));
        ScoringJson.write(
                ctx,
                200,
                new ScoringViews.EmployeeScoreView(tenant.id(), scoring.nameOf(tenant, asOf, employeeId), result));
    }

    public void department(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String departmentId = id("departmentId", ctx.pathParam("departmentId"));
        Period period = period(ctx, tenant);
        scope.require(
                Principal.of(ctx), period.asOf(tenant.today(tenants.clock())), SubjectType.DEPARTMENT, departmentId);
        ScoringJson.write(ctx, 200, scoring.department(tenant, period, departmentId, policy(ctx)));
    }

    public void bonus(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String departmentId = id("departmentId", ctx.pathParam("departmentId"));
        Period period = period(ctx, tenant);
        scope.require(
                Principal.of(ctx), period.asOf(tenant.today(tenants.clock())), SubjectType.DEPARTMENT, departmentId);
        ScoringJson.write(ctx, 200, scoring.bonus(tenant, period, departmentId));
    }

    // ---------------------------------------------------------------- helpers

    /** Runs a write, auditing success with before / after and a refused definition as a FAILURE. */
    private <T> ScoringService.Saved<T> audited(
            Context ctx, Tenant tenant, String action, String target, Supplier<ScoringService.Saved<T>> write) {
        Principal principal = Principal.of(ctx);
        try {
            ScoringService.Saved<T> saved = write.get();
            audit.record(AuditEntry.of(
                            ctx,
                            tenants.clock().instant(),
                            tenant.id(),
                            principal.subject(),
                            action,
                            target,
                            AuditEntry.Outcome.SUCCESS)
                    .withChange(saved.before(), saved.after()));
            return saved;
        } catch (DefinitionException e) {
            audit.record(AuditEntry.of(
                            ctx,
                            tenants.clock().instant(),
                            tenant.id(),
                            principal.subject(),
                            action,
                            target,
                            AuditEntry.Outcome.FAILURE)
                    .withChange(null, java.util.Map.of("refused", e.getMessage())));
            throw new InvalidDefinitionException(e);
        }
    }

    private Period period(Context ctx, Tenant tenant) {
        String raw = ctx.queryParam("period");
        if (raw == null || raw.isBlank()) {
            return Period.containing(PeriodKind.MONTH, tenant.today(tenants.clock()));
        }
        return ScoringService.period(raw, "period");
    }

    /** Calibration thresholds from the query, each defaulting to {@link CalibrationPolicy#defaults()}. */
    static CalibrationPolicy policy(Context ctx) {
        CalibrationPolicy d = CalibrationPolicy.defaults();
        String topRating = ctx.queryParam("topRating");
        if (topRating != null && !topRating.matches("[A-Z][A-Z0-9_]{0,31}")) {
            throw new BadRequestException("topRating", "must be an upper-case rating name like EXCELLENT");
        }
        String share = ctx.queryParam("maxTopShare");
        return new CalibrationPolicy(
                decimal(ctx, "minStdDev", d.minStdDev()),
                decimal(ctx, "maxMean", d.maxMean()),
                topRating == null ? d.topRating() : topRating,
                "none".equals(share) ? null : decimal(ctx, "maxTopShare", d.maxTopShare()));
    }

    private static BigDecimal decimal(Context ctx, String name, BigDecimal fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            BigDecimal v = new BigDecimal(raw.strip());
            if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw new BadRequestException(name, "must be between 0 and 1000");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, "must be a decimal number");
        }
    }

    static String id(String name, String raw) {
        String value = Params.required(name, raw);
        if (!ID.matcher(value).matches()) {
            throw new BadRequestException(name, "must be 1-128 letters, digits, '.', '_', ':', '@' or '-'");
        }
        return value;
    }
}
