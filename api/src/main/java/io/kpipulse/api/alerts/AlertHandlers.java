package io.kpipulse.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.kpipulse.alerts.rules.AlertPresets;
import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.alerts.rules.AlertRuleException;
import io.kpipulse.alerts.rules.AlertRuleJson;
import io.kpipulse.alerts.rules.AlertRuleValidator;
import io.kpipulse.alerts.rules.Severity;
import io.kpipulse.api.alerts.delivery.AlertChannel;
import io.kpipulse.api.alerts.delivery.ChannelKind;
import io.kpipulse.api.alerts.delivery.ChannelStore;
import io.kpipulse.api.alerts.delivery.MailDelivery;
import io.kpipulse.api.alerts.delivery.Silence;
import io.kpipulse.api.alerts.delivery.SilenceStore;
import io.kpipulse.api.audit.AuditEntry;
import io.kpipulse.api.audit.AuditLog;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.config.DurationText;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Alert rules, silences, channels and the alert history of a tenant. A department head manages what lies
 * in their subtree (the scope of the rule's, silence's or channel's department); HR, executives and
 * administrators the whole tenant. Rules are validated against the catalog in force (a 400 names the
 * field), stored, published on the control topic and audited; channel secrets are stored, never answered.
 */
public final class AlertHandlers {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final TenantDirectory tenants;
    private final Supplier<IndicatorCatalog> catalog;
    private final Scope scope;
    private final AuditLog audit;
    private final AlertRuleStore rules;
    private final RulePublication publisher;
    private final AlertEventsReader events;
    private final SilenceStore silences;
    private final ChannelStore channels;
    private final ObjectMapper json;
    private final Clock clock;

    public AlertHandlers(
            TenantDirectory tenants,
            Supplier<IndicatorCatalog> catalog,
            Scope scope,
            AuditLog audit,
            AlertRuleStore rules,
            RulePublication publisher,
            AlertEventsReader events,
            SilenceStore silences,
            ChannelStore channels,
            ObjectMapper json,
            Clock clock) {
        this.tenants = tenants;
        this.catalog = catalog;
        this.scope = scope;
        this.audit = audit;
        this.rules = rules;
        this.publisher = publisher;
        this.events = events;
        this.silences = silences;
        this.channels = channels;
        this.json = json;
        this.clock = clock;
    }

    public void presets(Context ctx) {
        tenants.require(ctx.pathParam("tenant"));
        ctx.json(Map.of(
                "presets",
                AlertPresets.all().stream()
                        .map(p -> Map.of("id", p.id(), "description", p.description(), "rule", tree(p.template())))
                        .toList()));
    }

    public void listRules(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        LocalDate today = tenant.today(clock);
        ctx.json(Map.of(
                "rules",
                rules.list(tenant.id()).stream()
                        .filter(r -> scope.mayRead(principal, today, SubjectType.DEPARTMENT, r.departmentId()))
                        .map(this::tree)
                        .toList()));
    }

    public void createRule(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        JsonNode body = body(ctx);
        String id = body.hasNonNull("id")
                ? body.get("id").asText()
                : "r-" + UUID.randomUUID().toString().substring(0, 8);
        requireId("id", id);
        if (rules.find(tenant.id(), id).filter(s -> !s.deleted()).isPresent()) {
            throw new BadRequestException("id", "a rule " + id + " exists; change it with PUT");
        }
        long version =
                rules.find(tenant.id(), id).map(s -> s.rule().version() + 1).orElse(1L);
        AlertRule rule = write(ctx, tenant, withPreset(body), id, version, null);
        ctx.status(201).json(tree(rule));
    }

    public void updateRule(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String id = ctx.pathParam("ruleId");
        AlertRule before = existing(tenant, id);
        AlertRule rule = write(ctx, tenant, body(ctx), id, before.version() + 1, before);
        ctx.json(tree(rule));
    }

    public void deleteRule(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String id = ctx.pathParam("ruleId");
        AlertRule before = existing(tenant, id);
        Principal principal = Principal.of(ctx);
        scope.require(principal, tenant.today(clock), SubjectType.DEPARTMENT, before.departmentId());
        AlertRule deleted = before.withVersion(before.version() + 1);
        rules.save(deleted, true, clock.millis());
        publisher.delete(tenant.id(), id);
        audited(ctx, tenant, principal, "alert-rule.delete", "alert-rule:" + id, tree(before), null);
        ctx.status(204);
    }

    public void listEvents(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        LocalDate today = tenant.today(clock);
        boolean open = "true".equals(ctx.queryParam("open"));
        int limit = limit(ctx);
        ctx.json(Map.of(
                "events",
                events.recent(tenant.id(), open, limit).stream()
                        .filter(e -> scope.mayRead(principal, today, SubjectType.DEPARTMENT, e.departmentId()))
                        .toList()));
    }

    public void acknowledge(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        String ruleId = ctx.pathParam("ruleId");
        String groupId = ctx.pathParam("groupId");
        long sequence;
        try {
            sequence = Long.parseLong(ctx.pathParam("sequence"));
        } catch (NumberFormatException e) {
            throw new BadRequestException("sequence", "must be a number");
        }
        var event = events.recent(tenant.id(), false, 10_000).stream()
                .filter(e -> e.ruleId().equals(ruleId) && e.groupId().equals(groupId) && e.sequence() == sequence)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no alert " + ruleId + "/" + groupId + "/" + sequence));
        scope.require(principal, tenant.today(clock), SubjectType.DEPARTMENT, event.departmentId());
        String note = ctx.body().isBlank() ? "" : body(ctx).path("note").asText("");
        events.acknowledge(tenant.id(), ruleId, groupId, sequence, principal.subject(), note, clock.millis());
        audited(
                ctx,
                tenant,
                principal,
                "alert.acknowledge",
                "alert:" + event.idempotencyKey(),
                null,
                Map.of("note", note));
        ctx.status(204);
    }

    public void listSilences(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        LocalDate today = tenant.today(clock);
        ctx.json(Map.of(
                "silences",
                silences.current(tenant.id(), clock.millis()).stream()
                        .filter(s -> scope.mayRead(principal, today, SubjectType.DEPARTMENT, s.departmentId()))
                        .toList()));
    }

    public void createSilence(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        JsonNode b = body(ctx);
        String department = required(b, "departmentId");
        scope.require(principal, tenant.today(clock), SubjectType.DEPARTMENT, department);
        String reason = required(b, "reason");
        long duration;
        try {
            duration = DurationText.parse(required(b, "duration")).toMillis();
        } catch (RuntimeException e) {
            throw new BadRequestException("duration", "is not a duration such as 30m, 2h or 1d");
        }
        if (duration <= 0 || duration > 90L * 24 * 3600 * 1000) {
            throw new BadRequestException("duration", "must be positive and at most 90 days");
        }
        String ruleId = b.path("ruleId").asText("");
        if (!ruleId.isEmpty()) {
            requireId("ruleId", ruleId);
        }
        long now = clock.millis();
        Silence s = new Silence(
                tenant.id(),
                "s-" + UUID.randomUUID().toString().substring(0, 8),
                ruleId,
                department,
                now,
                now + duration,
                reason,
                principal.subject());
        silences.save(s, now, false);
        audited(ctx, tenant, principal, "alert-silence.create", "alert-silence:" + s.silenceId(), null, s);
        ctx.status(201).json(s);
    }

    public void listChannels(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        LocalDate today = tenant.today(clock);
        ctx.json(Map.of(
                "channels",
                channels.list(tenant.id()).stream()
                        .filter(c -> scope.mayRead(principal, today, SubjectType.DEPARTMENT, c.departmentId()))
                        .map(AlertHandlers::view)
                        .toList()));
    }

    public void createChannel(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        JsonNode b = body(ctx);
        String id = b.hasNonNull("id")
                ? b.get("id").asText()
                : "c-" + UUID.randomUUID().toString().substring(0, 8);
        requireId("id", id);
        ChannelKind kind = enumOf(ChannelKind.class, required(b, "kind"), "kind");
        String department = required(b, "departmentId");
        scope.require(principal, tenant.today(clock), SubjectType.DEPARTMENT, department);
        String target = required(b, "target");
        if (kind == ChannelKind.EMAIL) {
            try {
                MailDelivery.recipients(target);
            } catch (jakarta.mail.internet.AddressException e) {
                throw new BadRequestException("target", "must be e-mail addresses, comma-separated");
            }
        } else {
            try {
                URI uri = URI.create(target);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("scheme");
                }
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("target", "must be an http(s) URL");
            }
        }
        String language = b.path("language").asText("zh-CN");
        if (!language.equals("zh-CN") && !language.equals("en")) {
            throw new BadRequestException("language", "must be zh-CN or en");
        }
        Severity min = enumOf(Severity.class, b.path("minSeverity").asText("INFO"), "minSeverity");
        AlertChannel channel = new AlertChannel(
                tenant.id(), id, kind, department, target, b.path("secret").asText(""), language, min);
        channels.save(channel, clock.millis(), false);
        audited(ctx, tenant, principal, "alert-channel.create", "alert-channel:" + id, null, view(channel));
        ctx.status(201).json(view(channel));
    }

    /** A channel as answered and audited: the bot URL's token and the secret never leave the server. */
    static Map<String, Object> view(AlertChannel c) {
        return Map.of(
                "id", c.channelId(),
                "kind", c.kind().name(),
                "departmentId", c.departmentId(),
                "target", shownTarget(c),
                "hasSecret", !c.secret().isEmpty(),
                "language", c.language(),
                "minSeverity", c.minSeverity().name());
    }

    /** A bot URL without its query (the token); e-mail addresses by their domains only (personal data). */
    private static String shownTarget(AlertChannel c) {
        if (c.kind() == ChannelKind.EMAIL) {
            return java.util.Arrays.stream(c.target().split(","))
                    .map(a -> "…@" + a.trim().substring(a.trim().lastIndexOf('@') + 1))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        URI uri = URI.create(c.target());
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private AlertRule write(Context ctx, Tenant tenant, JsonNode body, String id, long version, AlertRule before) {
        Principal principal = Principal.of(ctx);
        AlertRule rule;
        try {
            rule = AlertRuleValidator.requireValid(
                    AlertRuleJson.read(body, tenant.id(), id, version, principal.subject()), catalog.get());
        } catch (AlertRuleException e) {
            throw new BadRequestException(
                    e.field(), e.getMessage().substring(e.field().length() + 2));
        }
        LocalDate today = tenant.today(clock);
        scope.require(principal, today, SubjectType.DEPARTMENT, rule.departmentId());
        if (before != null) {
            scope.require(principal, today, SubjectType.DEPARTMENT, before.departmentId());
        }
        rules.save(rule, false, clock.millis());
        publisher.publish(rule);
        audited(
                ctx,
                tenant,
                principal,
                before == null ? "alert-rule.create" : "alert-rule.update",
                "alert-rule:" + id,
                before == null ? null : tree(before),
                tree(rule));
        return rule;
    }

    /** A body naming {@code preset} starts from that preset; the body's own fields win. */
    private JsonNode withPreset(JsonNode body) {
        if (!body.hasNonNull("preset")) {
            return body;
        }
        String id = body.get("preset").asText();
        AlertPresets.Preset preset = AlertPresets.find(id)
                .orElseThrow(() -> new BadRequestException("preset", "unknown preset '" + id + "'"));
        ObjectNode merged = (ObjectNode) tree(preset.template());
        body.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        return merged;
    }

    private AlertRule existing(Tenant tenant, String id) {
        requireId("ruleId", id);
        return rules.find(tenant.id(), id)
                .filter(s -> !s.deleted())
                .map(AlertRuleStore.Stored::rule)
                .orElseThrow(() -> new NotFoundException("no alert rule " + id + " in " + tenant.id()));
    }

    private JsonNode tree(AlertRule r) {
        try {
            return json.readTree(AlertRuleJson.write(r));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a rule's own JSON does not parse", e);
        }
    }

    private void audited(
            Context ctx, Tenant tenant, Principal p, String action, String target, Object before, Object after) {
        audit.record(AuditEntry.of(
                        ctx, clock.instant(), tenant.id(), p.subject(), action, target, AuditEntry.Outcome.SUCCESS)
                .withChange(before, after));
    }

    private static JsonNode body(Context ctx) {
        try {
            return AlertRuleJson.tree(ctx.body());
        } catch (AlertRuleException e) {
            throw new BadRequestException("body", "must be a JSON object");
        }
    }

    private static String required(JsonNode b, String field) {
        String v = b.path(field).asText("");
        if (v.isBlank()) {
            throw new BadRequestException(field, "is required");
        }
        return v;
    }

    private static void requireId(String field, String id) {
        if (!ID.matcher(id).matches()) {
            throw new BadRequestException(field, "must be 1-64 of A-Z a-z 0-9 _ . -");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String raw, String field) {
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    field, "unknown value '" + raw + "', expected one of " + List.of(type.getEnumConstants()));
        }
    }

    private static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n < 1 || n > 1000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestException("limit", "must be 1-1000");
        }
    }
}
