package io.kpipulse.api.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.kpipulse.api.audit.AuditEntry;
import io.kpipulse.api.audit.AuditLog;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.lineage.LineageService;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.Department;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.snapshots.Adjustment;
import io.kpipulse.snapshots.FreezeProgressLog;
import io.kpipulse.snapshots.SnapshotDiff;
import io.kpipulse.snapshots.SnapshotLine;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.VerificationRequest;
import io.kpipulse.snapshots.VerificationRequests;
import io.kpipulse.snapshots.VerificationRun;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The period-close routes ({@code /api/v1/tenants/{tenant}/periods/{period}/...}): parse, call the close
 * services, audit every change and every read of pay figures, answer JSON (or a sheet). A refused change of a
 * frozen snapshot, a freeze before the engine is ready and a second resolution of a dispute are 409s, audited
 * as DENIED.
 */
public final class SnapshotHandlers {

    private final TenantDirectory tenants;
    private final SnapshotServices close;
    private final SnapshotAccess access;
    private final AuditLog audit;
    private final ObjectMapper json;

    public SnapshotHandlers(
            TenantDirectory tenants, SnapshotServices close, Scope scope, AuditLog audit, ObjectMapper json) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.close = Objects.requireNonNull(close, "close");
        this.access = new SnapshotAccess(scope);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** GET .../periods/{period}: status, readiness, a running freeze's progress, every version and transition. */
    public void status(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        PeriodState state = close.freeze().state(tenant.id(), period);
        java.util.Optional<FreezeProgressLog.FreezeRun> last = close.freeze().lastFreeze(tenant.id(), period);
        ctx.json(new SnapshotViews.PeriodView(
                tenant.id(),
                period.id(),
                period.kind().name(),
                period.start(),
                period.end(),
                tenant.calendar().zone().getId(),
                state.status().name(),
                close.freeze().readiness(tenant, period),
                last.filter(f -> f.state() == FreezeProgressLog.State.RUNNING)
                        .map(r -> new SnapshotViews.ProgressView(
                                r.actor(), r.startedAt(), r.phase(), r.done(), r.total()))
                        .orElse(null),
                last.map(SnapshotViews.FreezeView::of).orElse(null),
                state.current()
                        .map(s -> SnapshotViews.SnapshotView.of(s, state))
                        .orElse(null),
                state.versions().stream()
                        .map(s -> SnapshotViews.SnapshotView.of(s, state))
                        .toList(),
                state.transitions().stream()
                        .map(SnapshotViews.TransitionView::of)
                        .toList()));
    }

    /** POST .../freeze {force, reason}: 201 with the new snapshot, 200 with the existing one. */
    public void freeze(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        JsonNode body = body(ctx);
        boolean force = body.path("force").asBoolean(false);
        String reason = text(body, "reason");
        Principal principal = Principal.of(ctx);
        FreezeService.FreezeOutcome outcome;
        try {
            outcome = close.freeze().freeze(tenant, period, principal.subject(), force, reason);
        } catch (SnapshotConflictException e) {
            record(
                    ctx,
                    tenant,
                    principal,
                    "snapshot.freeze",
                    period.id(),
                    AuditEntry.Outcome.DENIED,
                    null,
                    e.getMessage());
            throw e;
        }
        PeriodState state = close.freeze().state(tenant.id(), period);
        if (outcome.created()) {
            record(
                    ctx,
                    tenant,
                    principal,
                    "snapshot.freeze",
                    period.id(),
                    AuditEntry.Outcome.SUCCESS,
                    null,
                    SnapshotViews.SnapshotView.of(outcome.snapshot(), state));
        }
        ctx.status(outcome.created() ? 201 : 200).json(SnapshotViews.SnapshotView.of(outcome.snapshot(), state));
    }

    /** POST .../publish {reason}: employees may now read their own line. */
    public void publish(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        String reason = text(body(ctx), "reason");
        PeriodState before = close.freeze().state(tenant.id(), period);
        StoredSnapshot s = close.freeze().publish(tenant, period, principal.subject(), reason);
        PeriodState after = close.freeze().state(tenant.id(), period);
        record(
                ctx,
                tenant,
                principal,
                "snapshot.publish",
                s.snapshotId(),
                AuditEntry.Outcome.SUCCESS,
                before.status().name(),
                SnapshotViews.SnapshotView.of(s, after));
        ctx.json(SnapshotViews.SnapshotView.of(s, after));
    }

    /** POST .../reopen {reason}: version n is kept and marked re-opened; version n + 1 is frozen now. */
    public void reopen(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        String reason = text(body(ctx), "reason");
        PeriodState before = close.freeze().state(tenant.id(), period);
        FreezeService.FreezeOutcome outcome = close.freeze().reopen(tenant, period, principal.subject(), reason);
        PeriodState after = close.freeze().state(tenant.id(), period);
        record(
                ctx,
                tenant,
                principal,
                "snapshot.reopen",
                period.id(),
                AuditEntry.Outcome.SUCCESS,
                before.current()
                        .map(s -> SnapshotViews.SnapshotView.of(s, after))
                        .orElse(null),
                SnapshotViews.SnapshotView.of(outcome.snapshot(), after));
        ctx.status(201).json(SnapshotViews.SnapshotView.of(outcome.snapshot(), after));
    }

    /** GET .../snapshot?version&subjectType&subjectId: the lines the caller may see. */
    public void snapshot(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        PeriodState state = close.freeze().state(tenant.id(), period);
        StoredSnapshot s = version(ctx, state, "version");
        String subjectId = Params.optionalSubjectId(ctx.queryParam("subjectId"));
        List<SnapshotLine> lines;
        if (subjectId != null) {
            SubjectType type = ctx.queryParam("subjectType") == null
                    ? SubjectType.EMPLOYEE
                    : Params.subjectType(ctx.queryParam("subjectType"));
            access.require(principal, state, s, type, subjectId);
            lines = close.store().line(s, type, subjectId).map(List::of).orElse(List.of());
        } else {
            lines = access.visible(principal, state, s, close.store().lines(s));
        }
        record(
                ctx,
                tenant,
                principal,
                "snapshot.read",
                s.snapshotId(),
                AuditEntry.Outcome.SUCCESS,
                null,
                Map.of("version", s.version(), "lines", lines.size()));
        ctx.json(new SnapshotViews.SnapshotLinesView(
                tenant.id(),
                period.id(),
                SnapshotViews.SnapshotView.of(s, state),
                lines.size(),
                lines.stream().map(SnapshotViews.LineView::of).toList()));
    }

    /** PUT, PATCH, DELETE .../snapshot: a frozen snapshot is immutable; the attempt is refused and audited. */
    public void refuseChange(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        String message = "snapshots of " + period.id() + " are frozen and never change; raise a dispute, reconcile"
                + " into the adjustments ledger or re-open the period (a new version)";
        record(
                ctx,
                tenant,
                principal,
                "snapshot.update",
                period.id(),
                AuditEntry.Outcome.DENIED,
                null,
                Map.of("method", ctx.method().name()));
        throw new SnapshotConflictException("SNAPSHOT_FROZEN", message);
    }

    /** GET .../compare?from=1&to=2: every figure that differs between two versions ("as of" each). */
    public void compare(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        PeriodState state = close.freeze().state(tenant.id(), period);
        StoredSnapshot from = version(ctx, state, "from");
        StoredSnapshot to = version(ctx, state, "to");
        List<SnapshotDiff.Difference> differences =
                SnapshotDiff.between(close.store().lines(from), close.store().lines(to));
        ctx.json(new SnapshotViews.ComparisonView(
                tenant.id(),
                period.id(),
                SnapshotViews.SnapshotView.of(from, state),
                SnapshotViews.SnapshotView.of(to, state),
                differences.size(),
                differences.stream().map(SnapshotViews.DifferenceView::of).toList()));
    }

    /** GET .../export?format=csv|xlsx|json&sheet=bonus|departments|payroll|carried&version: the bonus sheets. */
    public void export(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        String format = choice("format", ctx.queryParam("format"), "json", List.of("json", "csv", "xlsx"));
        String sheet = choice("sheet", ctx.queryParam("sheet"), "bonus", BonusSheets.SHEET_NAMES);
        PeriodState state = close.freeze().state(tenant.id(), period);
        StoredSnapshot s = version(ctx, state, "version");
        OrgDay end = new OrgDay(tenant.id(), period.end(), tenant.calendar().zone());
        List<SnapshotLine> lines = close.store().lines(s);
        List<String> employees = lines.stream()
                .filter(l -> l.subjectType() == SubjectType.EMPLOYEE)
                .map(SnapshotLine::subjectId)
                .toList();
        Map<String, String> departmentNames = new HashMap<>();
        for (Department d : close.org().departments(end)) {
            departmentNames.put(d.id(), d.name());
        }
        List<Adjustment> carried = close.store().carriedInto(tenant.id(), period);
        Set<String> named = new HashSet<>(employees);
        carried.forEach(a -> named.add(a.subjectId()));
        BonusSheets.Sheets sheets = BonusSheets.of(
                s,
                lines,
                close.org().names(end, named),
                departmentNames,
                close.catalog().current(),
                carried);
        record(
                ctx,
                tenant,
                principal,
                "snapshot.export",
                s.snapshotId(),
                AuditEntry.Outcome.SUCCESS,
                null,
                Map.of("format", format, "sheet", sheet, "rows", employees.size()));
        String file = "kpi-" + tenant.id() + "-" + period.id() + "-v" + s.version();
        switch (format) {
            case "csv" -> {
                ctx.header("Content-Disposition", "attachment; filename=\"" + file + "-" + sheet + ".csv\"");
                ctx.contentType(SheetWriters.CSV_TYPE).result(SheetWriters.csv(sheets.named(sheet)));
            }
            case "xlsx" -> {
                ctx.header("Content-Disposition", "attachment; filename=\"" + file + ".xlsx\"");
                ctx.contentType(SheetWriters.XLSX_TYPE).result(SheetWriters.xlsx(sheets.all()));
            }
            default -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("tenant", tenant.id());
                out.put("period", period.id());
                out.put("snapshot", SnapshotViews.SnapshotView.of(s, state));
                for (BonusSheet b : sheets.all()) {
                    out.put(b.name(), SheetWriters.json(b));
                }
                ctx.json(out);
            }
        }
    }

    /** POST .../adjustments: reconcile the current snapshot with the live values into the ledger. */
    public void reconcile(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        PeriodState state = close.freeze().state(tenant.id(), period);
        StoredSnapshot s = current(state);
        List<Adjustment> added = close.adjustments().reconcile(tenant, s, principal.subject());
        record(
                ctx,
                tenant,
                principal,
                "snapshot.reconcile",
                s.snapshotId(),
                AuditEntry.Outcome.SUCCESS,
                null,
                Map.of("adjustments", added.size(), "contentHash", s.contentHash()));
        ctx.status(201)
                .json(Map.of(
                        "snapshot",
                        SnapshotViews.SnapshotView.of(s, state),
                        "added",
                        added.stream().map(SnapshotViews.AdjustmentView::of).toList()));
    }

    /** GET .../adjustments?format=json|csv: the period's ledger. */
    public void adjustments(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        String format = choice("format", ctx.queryParam("format"), "json", List.of("json", "csv"));
        List<SnapshotViews.AdjustmentView> entries = close.store().adjustments(tenant.id(), period).stream()
                .map(SnapshotViews.AdjustmentView::of)
                .toList();
        if (format.equals("csv")) {
            List<List<Object>> rows = new ArrayList<>();
            for (SnapshotViews.AdjustmentView a : entries) {
                rows.add(java.util.Arrays.asList(
                        a.adjustmentId(),
                        a.snapshotId(),
                        a.subjectType(),
                        a.subjectId(),
                        a.indicator(),
                        decimal(a.oldValue()),
                        decimal(a.newValue()),
                        decimal(a.delta()),
                        a.cause(),
                        String.join(" ", a.eventIds()),
                        a.disputeId(),
                        a.disposition(),
                        a.carriedTo(),
                        a.createdBy(),
                        a.createdAt().toString()));
            }
            List<String> keys = List.of(
                    "adjustment",
                    "snapshot",
                    "subjectType",
                    "subject",
                    "indicator",
                    "old",
                    "new",
                    "delta",
                    "cause",
                    "events",
                    "dispute",
                    "disposition",
                    "carriedTo",
                    "createdBy",
                    "createdAt");
            ctx.header("Content-Disposition", "attachment; filename=\"adjustments-" + period.id() + ".csv\"");
            ctx.contentType(SheetWriters.CSV_TYPE)
                    .result(SheetWriters.csv(new BonusSheet("adjustments", keys, keys, rows)));
            return;
        }
        ctx.json(Map.of("tenant", tenant.id(), "period", period.id(), "adjustments", entries));
    }

    /** POST .../disputes {subjectType, subjectId, indicator, reason, claimedValue}. */
    public void raiseDispute(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        JsonNode body = body(ctx);
        SubjectType type = body.hasNonNull("subjectType")
                ? Params.subjectType(body.get("subjectType").asText())
                : SubjectType.EMPLOYEE;
        String subjectId = Params.subjectId(
                body.hasNonNull("subjectId") ? body.get("subjectId").asText() : null);
        String indicator = body.hasNonNull("indicator")
                ? close.catalog().require(body.get("indicator").asText()).id()
                : "";
        PeriodState state = close.freeze().state(tenant.id(), period);
        StoredSnapshot s = current(state);
        access.require(principal, state, s, type, subjectId);
        DisputeService.Dispute d = close.disputes()
                .raise(
                        s,
                        type,
                        subjectId,
                        indicator,
                        text(body, "reason"),
                        decimal(body, "claimedValue"),
                        principal.subject());
        SnapshotViews.DisputeView view = SnapshotViews.DisputeView.of(d, lineageUrl(tenant, period, d));
        record(ctx, tenant, principal, "snapshot.dispute.raise", d.disputeId(), AuditEntry.Outcome.SUCCESS, null, view);
        ctx.status(201).json(view);
    }

    /** GET .../disputes: the disputes on lines the caller may see. */
    public void disputes(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        PeriodState state = close.freeze().state(tenant.id(), period);
        List<SnapshotViews.DisputeView> visible = close.disputes().all(tenant.id(), period).stream()
                .filter(d -> access.scopeAllows(
                        principal, period, d.raised().subjectType(), d.raised().subjectId()))
                .map(d -> SnapshotViews.DisputeView.of(d, lineageUrl(tenant, period, d)))
                .toList();
        ctx.json(Map.of(
                "tenant",
                tenant.id(),
                "period",
                period.id(),
                "status",
                state.status().name(),
                "disputes",
                visible));
    }

    /** GET .../disputes/{disputeId}: the dispute with the lineage of the disputed value (audited as a lineage read). */
    public void dispute(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        DisputeService.Dispute d = close.disputes().require(tenant.id(), period, disputeId(ctx));
        if (!access.scopeAllows(
                principal, period, d.raised().subjectType(), d.raised().subjectId())) {
            throw new io.kpipulse.api.auth.ForbiddenException("dispute " + d.disputeId() + " is outside your scope");
        }
        LineageService.LineageResponse lineage = d.raised().indicatorId().isEmpty()
                ? null
                : close.lineage()
                        .lineage(
                                tenant,
                                d.raised().indicatorId(),
                                period.kind().window(),
                                period.end(),
                                d.raised().subjectType(),
                                d.raised().subjectId(),
                                Params.MAX_LIMIT,
                                0);
        if (lineage != null) {
            record(
                    ctx,
                    tenant,
                    principal,
                    "lineage.read",
                    d.raised().subjectType() + "/" + d.raised().subjectId(),
                    AuditEntry.Outcome.SUCCESS,
                    null,
                    Map.of("dispute", d.disputeId(), "events", lineage.events().size()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dispute", SnapshotViews.DisputeView.of(d, lineageUrl(tenant, period, d)));
        out.put("lineage", lineage);
        ctx.json(out);
    }

    /** POST .../disputes/{disputeId}/resolution {outcome: ACCEPTED|REJECTED, reason, correctedValue}. */
    public void resolveDispute(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        Principal principal = Principal.of(ctx);
        JsonNode body = body(ctx);
        String outcome = choice(
                "outcome",
                body.hasNonNull("outcome") ? body.get("outcome").asText().toUpperCase(Locale.ROOT) : null,
                null,
                List.of("ACCEPTED", "REJECTED"));
        PeriodState state = close.freeze().state(tenant.id(), period);
        StoredSnapshot s = current(state);
        String id = disputeId(ctx);
        DisputeService.Dispute raised = close.disputes().require(tenant.id(), period, id);
        SnapshotViews.DisputeView before = SnapshotViews.DisputeView.of(raised, lineageUrl(tenant, period, raised));
        DisputeService.Resolution resolution;
        try {
            resolution = close.disputes()
                    .resolve(
                            s,
                            id,
                            outcome.equals("ACCEPTED"),
                            text(body, "reason"),
                            decimal(body, "correctedValue"),
                            principal.subject());
        } catch (SnapshotConflictException e) {
            record(
                    ctx,
                    tenant,
                    principal,
                    "snapshot.dispute.resolve",
                    id,
                    AuditEntry.Outcome.DENIED,
                    null,
                    e.getMessage());
            throw e;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "dispute",
                SnapshotViews.DisputeView.of(resolution.dispute(), lineageUrl(tenant, period, resolution.dispute())));
        out.put(
                "adjustment",
                resolution.adjustment() == null ? null : SnapshotViews.AdjustmentView.of(resolution.adjustment()));
        record(ctx, tenant, principal, "snapshot.dispute.resolve", id, AuditEntry.Outcome.SUCCESS, before, out);
        ctx.json(out);
    }

    /**
     * GET .../verifications?version: the newest integrity re-hash of the stored lines (recorded by the verification
     * worker; null until one ran: no request reads the lines), and the runs of the verification command that
     * recomputed the snapshot from raw events (recorded in snapshot_verifications).
     */
    public void verifications(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        PeriodState state = close.freeze().state(tenant.id(), period);
        StoredSnapshot s = version(ctx, state, "version");
        ctx.json(new SnapshotViews.VerificationsView(
                tenant.id(),
                period.id(),
                SnapshotViews.SnapshotView.of(s, state),
                close.integrity()
                        .latest(tenant.id(), period.id(), s.snapshotId())
                        .map(SnapshotViews.IntegrityView::of)
                        .orElse(null),
                close.store().verifications(tenant.id(), period, s.snapshotId()).stream()
                        .map(SnapshotViews.VerificationView::of)
                        .toList()));
    }

    /**
     * POST .../verifications?version {reason}: asks for the snapshot version (the current one when absent) to be
     * verified against a recomputation from the raw events. The request is recorded and audited; the verification
     * command's worker ({@code VerifySnapshotMain --requests}) runs it, never this request's thread. 202 with the
     * new request, 200 with the version's request still waiting or running (asking twice starts one run).
     */
    public void requestVerification(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        PeriodState state = close.freeze().state(tenant.id(), period);
        StoredSnapshot s = version(ctx, state, "version");
        String reason = text(body(ctx), "reason");
        Principal principal = Principal.of(ctx);
        java.util.Optional<VerificationRequest> open = close.verifications().of(tenant.id(), period.id()).stream()
                .filter(r -> r.snapshotId().equals(s.snapshotId()) && r.status().open())
                .findFirst();
        if (open.isPresent()) {
            ctx.status(200).json(SnapshotViews.VerificationRequestView.of(open.get(), null, null, 0, 0));
            return;
        }
        VerificationRequest created = close.verifications()
                .request(s, principal.subject(), reason, tenants.clock().instant());
        SnapshotViews.VerificationRequestView view =
                SnapshotViews.VerificationRequestView.of(created, null, null, 0, 0);
        record(
                ctx,
                tenant,
                principal,
                "snapshot.verify.request",
                created.requestId(),
                AuditEntry.Outcome.SUCCESS,
                null,
                view);
        ctx.status(202).json(view);
    }

    /**
     * GET .../verifications/{requestId}?limit&offset: where the request stands (status, the worker's phase and
     * progress), and once done the run's outcome with a page of every difference it found.
     */
    public void verificationRequest(Context ctx) {
        Tenant tenant = tenant(ctx);
        Period period = period(ctx);
        String id = ctx.pathParam("requestId");
        if (!id.matches("v-[0-9a-f-]{36}")) {
            throw new BadRequestException("requestId", "must be a verification request id (v-<uuid>)");
        }
        int limit = Params.limit(ctx.queryParam("limit"));
        int offset = Params.offset(ctx.queryParam("offset"));
        VerificationRequest r = close.verifications()
                .find(tenant.id(), period.id(), id)
                .orElseThrow(
                        () -> new NotFoundException("period " + period.id() + " has no verification request " + id));
        VerificationRun run = r.runId().isEmpty()
                ? null
                : close.store().verifications(tenant.id(), period, r.snapshotId()).stream()
                        .filter(v -> v.runId().equals(r.runId()))
                        .findFirst()
                        .orElse(null);
        VerificationRequests.DifferencePage page =
                run == null ? null : close.verifications().differences(tenant.id(), run.runId(), limit, offset);
        ctx.json(SnapshotViews.VerificationRequestView.of(r, run, page, limit, offset));
    }

    private String lineageUrl(Tenant tenant, Period period, DisputeService.Dispute d) {
        if (d.raised().indicatorId().isEmpty()) {
            return null;
        }
        return "/api/v1/tenants/" + tenant.id() + "/lineage?indicator="
                + d.raised().indicatorId() + "&window="
                + period.kind().window() + "&date=" + period.end() + "&subjectType="
                + d.raised().subjectType()
                + "&subjectId=" + d.raised().subjectId();
    }

    private Tenant tenant(Context ctx) {
        return tenants.require(ctx.pathParam("tenant"));
    }

    private static Period period(Context ctx) {
        try {
            return Period.parse(ctx.pathParam("period"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("period", "must be a month (2026-03), a quarter (2026-Q1) or a year (2026)");
        }
    }

    private static String disputeId(Context ctx) {
        String id = ctx.pathParam("disputeId");
        if (!id.matches("d-[0-9a-f-]{36}")) {
            throw new BadRequestException("disputeId", "must be a dispute id (d-<uuid>)");
        }
        return id;
    }

    private static StoredSnapshot current(PeriodState state) {
        return state.current()
                .orElseThrow(
                        () -> new NotFoundException("period " + state.period().id() + " has no frozen snapshot"));
    }

    /** The version named by {@code param}, or the current one when absent. */
    private static StoredSnapshot version(Context ctx, PeriodState state, String param) {
        String raw = ctx.queryParam(param);
        if (raw == null || raw.isBlank()) {
            return state.current()
                    .or(() -> state.versions().isEmpty()
                            ? java.util.Optional.empty()
                            : java.util.Optional.of(
                                    state.versions().get(state.versions().size() - 1)))
                    .orElseThrow(() ->
                            new NotFoundException("period " + state.period().id() + " has no snapshot"));
        }
        int version;
        try {
            version = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(param, "must be a snapshot version number");
        }
        return state.version(version)
                .orElseThrow(() ->
                        new NotFoundException("period " + state.period().id() + " has no snapshot version " + version));
    }

    private JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new BadRequestException("body", "must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new BadRequestException("body", "must be a JSON object");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual() || v.asText().length() > 2000) {
            throw new BadRequestException(field, "must be text of at most 2000 characters");
        }
        return v.asText().strip();
    }

    private static BigDecimal decimal(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.asText());
            if (d.scale() > 6 || d.precision() - d.scale() > 32) {
                throw new BadRequestException(field, "must be a decimal with at most 6 decimal places");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadRequestException(field, "must be a decimal number");
        }
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static String choice(String name, String raw, String fallback, List<String> allowed) {
        if (raw == null || raw.isBlank()) {
            if (fallback == null) {
                throw new BadRequestException(name, "is required: one of " + allowed);
            }
            return fallback;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new BadRequestException(name, "must be one of " + allowed);
    }

    private void record(
            Context ctx,
            Tenant tenant,
            Principal principal,
            String action,
            String target,
            AuditEntry.Outcome outcome,
            Object before,
            Object after) {
        audit.record(
                AuditEntry.of(ctx, tenants.clock().instant(), tenant.id(), principal.subject(), action, target, outcome)
                        .withChange(before, after));
    }
}
