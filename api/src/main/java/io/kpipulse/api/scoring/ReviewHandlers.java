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
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.periods.PeriodKind;
import io.kpipulse.scoring.json.DefinitionJson;
import io.kpipulse.scoring.review.RaterRelationship;
import io.kpipulse.scoring.rules.DefinitionException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * MBO objectives and 360° reviews under {@code /api/v1/tenants/{tenant}/scoring}:
 * <ul>
 *   <li>objectives of an employee or a department: read within the caller's scope; set (with the attainment
 *       the manager enters) by HR or a department head for their subtree, never for themselves; audited with
 *       before and after;
 *   <li>360° answers: given by a person about a colleague (the relationship comes from the org); the summary
 *       is read only by HR and the heads over the reviewee, never by the reviewee, with the minimum-raters
 *       rule applied on the server. The audit entry of an answer names the period only: it would otherwise
 *       tell an auditor who rated whom. Nothing of an answer is logged.
 * </ul>
 */
public final class ReviewHandlers {

    private final TenantDirectory tenants;
    private final ObjectiveService objectives;
    private final Review360Service reviews;
    private final Scope scope;
    private final AuditLog audit;

    public ReviewHandlers(
            TenantDirectory tenants,
            ObjectiveService objectives,
            Review360Service reviews,
            Scope scope,
            AuditLog audit) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.objectives = Objects.requireNonNull(objectives, "objectives");
        this.reviews = Objects.requireNonNull(reviews, "reviews");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public void objectives(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        SubjectType type = subjectType(ctx);
        String id = ScoringHandlers.id("subjectId", ctx.pathParam("subjectId"));
        Period period = period(ctx, tenant);
        scope.require(Principal.of(ctx), period.asOf(tenant.today(tenants.clock())), type, id);
        ScoringJson.write(ctx, 200, objectives.objectives(tenant, period, type, id));
    }

    public void saveObjectives(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        SubjectType type = subjectType(ctx);
        String id = ScoringHandlers.id("subjectId", ctx.pathParam("subjectId"));
        Period period = period(ctx, tenant);
        Principal principal = Principal.of(ctx);
        LocalDate asOf = period.asOf(tenant.today(tenants.clock()));
        if (!principal.has(Role.HR)) {
            if (type == SubjectType.EMPLOYEE && id.equals(principal.employeeId())) {
                throw new ForbiddenException("subjectId: nobody sets their own objectives");
            }
            scope.require(principal, asOf, type, id);
        }
        String target = type + "/" + id + "/" + period.id();
        try {
            var saved = objectives.save(tenant, period, type, id, DefinitionJson.tree(ctx.body()), principal.subject());
            audit.record(entry(ctx, tenant, principal, "scoring.objectives.save", target, AuditEntry.Outcome.SUCCESS)
                    .withChange(saved.before(), saved.after()));
            ScoringJson.write(ctx, 201, saved.after());
        } catch (DefinitionException e) {
            audit.record(entry(ctx, tenant, principal, "scoring.objectives.save", target, AuditEntry.Outcome.FAILURE)
                    .withChange(null, Map.of("refused", e.getMessage())));
            throw new InvalidDefinitionException(e);
        }
    }

    public void submitReview(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String revieweeId = ScoringHandlers.id("employeeId", ctx.pathParam("employeeId"));
        Principal principal = Principal.of(ctx);
        try {
            JsonNode body = DefinitionJson.tree(ctx.body());
            RaterRelationship relationship = reviews.submit(tenant, revieweeId, principal.employeeId(), body);
            String period = body.get("period").asText();
            audit.record(entry(
                            ctx,
                            tenant,
                            principal,
                            "scoring.review360.answer",
                            "REVIEW360/" + period,
                            AuditEntry.Outcome.SUCCESS)
                    // What changed is "an answer for this period"; the reviewee and the scores stay out.
                    .withChange(null, Map.of("period", period)));
            ScoringJson.write(
                    ctx, 201, new ReviewViews.ReviewReceipt(tenant.id(), revieweeId, period, relationship.name()));
        } catch (DefinitionException e) {
            audit.record(
                    entry(ctx, tenant, principal, "scoring.review360.answer", "REVIEW360", AuditEntry.Outcome.FAILURE));
            throw new InvalidDefinitionException(e);
        }
    }

    public void reviewSummary(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String revieweeId = ScoringHandlers.id("employeeId", ctx.pathParam("employeeId"));
        Period period = period(ctx, tenant);
        Principal principal = Principal.of(ctx);
        reviews.requireEmployed(tenant, period, revieweeId);
        boolean allowed = principal.has(Role.HR)
                ? !revieweeId.equals(principal.employeeId())
                : principal.employeeId() != null
                        && reviews.isHeadOver(tenant, period, principal.employeeId(), revieweeId);
        if (!allowed) {
            throw new ForbiddenException(
                    "employeeId: a 360° review is read by HR and the heads over the reviewee, not by the reviewee");
        }
        ScoringJson.write(ctx, 200, reviews.summary(tenant, period, revieweeId));
    }

    private AuditEntry entry(
            Context ctx, Tenant tenant, Principal principal, String action, String target, AuditEntry.Outcome outcome) {
        return AuditEntry.of(ctx, tenants.clock().instant(), tenant.id(), principal.subject(), action, target, outcome);
    }

    private Period period(Context ctx, Tenant tenant) {
        String raw = ctx.queryParam("period");
        if (raw == null || raw.isBlank()) {
            return Period.containing(PeriodKind.MONTH, tenant.today(tenants.clock()));
        }
        return ScoringService.period(raw, "period");
    }

    private static SubjectType subjectType(Context ctx) {
        String raw = ctx.pathParam("subjectType");
        return switch (raw) {
            case "EMPLOYEE" -> SubjectType.EMPLOYEE;
            case "DEPARTMENT" -> SubjectType.DEPARTMENT;
            default -> throw new BadRequestException("subjectType", "must be EMPLOYEE or DEPARTMENT");
        };
    }
}
