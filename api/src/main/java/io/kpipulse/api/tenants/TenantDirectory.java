package io.kpipulse.api.tenants;

import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.http.Params;
import io.kpipulse.tenants.TenantCalendar;
import io.kpipulse.tenants.TenantRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Resolves the tenant of a request: a malformed id is a 400, an id the registry does not know is a 404.
 * Also answers "today" in the tenant's own time zone, which is what defines its days and months.
 */
public final class TenantDirectory {

    private final TenantRegistry registry;
    private final Clock clock;

    public TenantDirectory(TenantRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Tenant require(String rawTenantId) {
        String id = Params.tenant(rawTenantId);
        if (!registry.contains(id)) {
            throw new NotFoundException("unknown tenant '" + id + "'");
        }
        return new Tenant(id, registry.name(id), registry.calendars().get(id));
    }

    /** Whether {@code id} is a registered tenant; no error for unknown ones (sign-in must not tell). */
    public boolean contains(String id) {
        return registry.contains(id);
    }

    /** Every known tenant, by id. */
    public List<Tenant> all() {
        return registry.calendars().keySet().stream()
                .sorted()
                .map(id ->
                        new Tenant(id, registry.name(id), registry.calendars().get(id)))
                .toList();
    }

    /** A known tenant: id, display name and calendar. */
    public record Tenant(String id, String name, TenantCalendar calendar) {

        public LocalDate today(Clock clock) {
            return LocalDate.now(clock.withZone(calendar.zone()));
        }
    }

    public Clock clock() {
        return clock;
    }
}
