package io.kpipulse.api.calendars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.kpipulse.api.audit.AuditEntry;
import io.kpipulse.api.audit.AuditLog;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.ServiceUnavailableException;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.read.calendars.CalendarVersionStore;
import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.CalendarVersionException;
import io.kpipulse.tenants.CalendarVersionJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * Tenant calendars per year: HR (or an administrator) publishes a version of a year's holidays and make-up
 * working days (调休), and anyone signed in to the tenant reads the versions back. A version is validated
 * ({@link CalendarVersion}), numbered after the year's newest, stored, published on the control topic and
 * audited. It takes effect {@link #EFFECT_LEAD} after publication, for working-day durations completed from
 * then on (event time); values already written are not rewritten.
 *
 * <p>The calendar is the tenant's, not a subject's: the scope of the principal narrows nothing here, and the
 * roles of the route decide who may publish.
 */
public final class CalendarHandlers {

    /**
     * How long after its publication a version takes effect. The engine decides a duration once its
     * watermark passes the event that completes it, and the watermark trails the wall clock by the
     * out-of-orderness bound (about a second); a minute leaves room for the control topic's delivery, so
     * every engine operator holds the version before any duration it applies to is decided — and a replay,
     * which holds it from the start, decides exactly as the live run.
     */
    public static final Duration EFFECT_LEAD = Duration.ofMinutes(1);

    /** Numbers tried: each round of racing publishers has a winner, so up to this many at once all succeed. */
    static final int CLAIM_ATTEMPTS = 10;

    private final TenantDirectory tenants;
    private final CalendarVersionStore store;
    private final CalendarPublication publication;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public CalendarHandlers(
            TenantDirectory tenants,
            CalendarVersionStore store,
            CalendarPublication publication,
            AuditLog audit,
            ObjectMapper json,
            Clock clock) {
        this.tenants = tenants;
        this.store = store;
        this.publication = publication;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** {@code GET .../calendars/{year}/versions}: the tenants file's days of the year, then every version. */
    public void versions(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        int year = year(ctx);
        ObjectNode answer = json.createObjectNode();
        answer.put("tenantId", tenant.id());
        answer.put("year", year);
        answer.put("zone", tenant.calendar().zone().getId());
        ObjectNode file = answer.putObject("file");
        days(file.putArray("holidays"), tenant.calendar().holidays(), year);
        days(file.putArray("makeUpWorkdays"), tenant.calendar().makeUpWorkdays(), year);
        ArrayNode versions = answer.putArray("versions");
        for (CalendarVersionStore.Stored stored : store.versions(tenant.id(), year)) {
            versions.add(CalendarVersionJson.tree(stored.version()).put("published", stored.published()));
        }
        ctx.json(answer);
    }

    /**
     * {@code POST .../calendars/{year}/versions} with {@code {"holidays": [...], "makeUpWorkdays": [...]}}:
     * the whole year, replacing the file's days and every earlier version of that year from its effective
     * instant on. 201 with the version once the control topic acknowledged it.
     */
    public void publish(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        int year = year(ctx);
        Principal principal = Principal.of(ctx);
        JsonNode body = body(ctx);
        Instant now = clock.instant();
        List<CalendarVersionStore.Stored> earlier;
        CalendarVersion version;
        // Stored unpublished first: a version the broker did not acknowledge is listed as such, and the next
        // one is numbered after it, so a number is never on the topic with two different contents. Another API
        // process may claim the same next number at the same moment; the loser numbers after the winner.
        int attempt = 0;
        do {
            if (++attempt > CLAIM_ATTEMPTS) {
                throw new ServiceUnavailableException("calendar versions of " + year + " are being published"
                        + " concurrently; nothing was published, try again");
            }
            earlier = store.versions(tenant.id(), year);
            long number = earlier.isEmpty()
                    ? 1
                    : earlier.get(earlier.size() - 1).version().version() + 1;
            try {
                version = new CalendarVersion(
                        tenant.id(),
                        year,
                        number,
                        new TreeSet<>(CalendarVersionJson.days(body, "holidays")),
                        new TreeSet<>(CalendarVersionJson.days(body, "makeUpWorkdays")),
                        principal.subject(),
                        now,
                        now.plus(EFFECT_LEAD));
            } catch (CalendarVersionException e) {
                throw new BadRequestException(e.field(), e.getMessage());
            }
        } while (!store.claim(version, now.toEpochMilli()));
        long number = version.version();
        try {
            publication.publish(version);
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException("version " + number + " is stored but not published: "
                    + e.getMessage() + "; publish the year again");
        }
        store.save(version, true, now.toEpochMilli() + 1);
        ObjectNode answer = CalendarVersionJson.tree(version).put("published", true);
        audit.record(AuditEntry.of(
                        ctx,
                        now,
                        tenant.id(),
                        principal.subject(),
                        "calendar.publish",
                        "calendar:" + year + "/" + number,
                        AuditEntry.Outcome.SUCCESS)
                .withChange(
                        earlier.isEmpty()
                                ? null
                                : CalendarVersionJson.tree(
                                        earlier.get(earlier.size() - 1).version()),
                        answer));
        ctx.status(201).json(answer);
    }

    private static void days(ArrayNode out, java.util.Set<LocalDate> days, int year) {
        new TreeSet<>(days).stream().filter(d -> d.getYear() == year).forEach(d -> out.add(d.toString()));
    }

    private static int year(Context ctx) {
        String raw = ctx.pathParam("year");
        int year;
        try {
            year = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new BadRequestException("year", "'" + raw + "' is not a year");
        }
        if (year < CalendarVersion.FIRST_YEAR || year > CalendarVersion.LAST_YEAR) {
            throw new BadRequestException(
                    "year",
                    "year " + year + " is outside " + CalendarVersion.FIRST_YEAR + ".." + CalendarVersion.LAST_YEAR);
        }
        return year;
    }

    private JsonNode body(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestException("body", "must be a JSON object");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestException("body", "must be a JSON object");
        }
        return body;
    }
}
