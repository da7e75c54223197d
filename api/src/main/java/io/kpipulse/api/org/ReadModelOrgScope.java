package io.kpipulse.api.org;

import io.kpipulse.api.auth.OrgScopeDirectory;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.org.OrgSnapshot;
import io.kpipulse.read.org.Placement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Row-level scope on the org directory of the read model: heads by {@code HeadRule}, subtrees and
 * memberships as of the day asked. One org snapshot per tenant and day is kept for a few seconds, because a
 * single request asks several of these questions and a dashboard asks them for every tile; an org change
 * is therefore seen by scope at most {@link #TTL} after it reached ClickHouse.
 */
public final class ReadModelOrgScope implements OrgScopeDirectory {

    static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_SNAPSHOTS = 64;

    private final OrgReader reader;
    private final TenantDirectory tenants;
    private final LongSupplier nanoTime;
    private final Map<OrgDay, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<OrgDay, Cached> eldest) {
            return size() > MAX_SNAPSHOTS;
        }
    };

    private record Cached(OrgSnapshot snapshot, long readAtNanos) {}

    public ReadModelOrgScope(OrgReader reader, TenantDirectory tenants, LongSupplier nanoTime) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public Set<String> headedDepartments(String tenant, String employeeId, LocalDate day) {
        return Set.copyOf(snapshot(tenant, day).departmentsHeadedBy(employeeId));
    }

    @Override
    public Set<String> subtreeOf(String tenant, Set<String> departmentIds, LocalDate day) {
        OrgSnapshot org = snapshot(tenant, day);
        Set<String> out = new HashSet<>();
        for (String id : departmentIds) {
            out.addAll(org.subtree(id));
        }
        return out;
    }

    @Override
    public Optional<String> departmentOf(String tenant, String employeeId, LocalDate day) {
        return snapshot(tenant, day).placement(employeeId).map(Placement::departmentId);
    }

    @Override
    public Set<String> membersOf(String tenant, Set<String> departmentIds, LocalDate day) {
        OrgSnapshot org = snapshot(tenant, day);
        Set<String> out = new HashSet<>();
        for (String id : departmentIds) {
            org.directMembers(id).forEach(p -> out.add(p.employeeId()));
        }
        return out;
    }

    private OrgSnapshot snapshot(String tenant, LocalDate day) {
        OrgDay key = new OrgDay(tenant, day, tenants.require(tenant).calendar().zone());
        long now = nanoTime.getAsLong();
        synchronized (cache) {
            Cached hit = cache.get(key);
            if (hit != null && now - hit.readAtNanos() < TTL.toNanos()) {
                return hit.snapshot();
            }
        }
        // Read outside the lock: a slow ClickHouse must not serialise every request of every tenant.
        OrgSnapshot fresh = reader.snapshot(key);
        synchronized (cache) {
            cache.put(key, new Cached(fresh, now));
        }
        return fresh;
    }
}
