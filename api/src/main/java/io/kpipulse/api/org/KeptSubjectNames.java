package io.kpipulse.api.org;

import io.kpipulse.api.indicators.SubjectNames;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.read.org.Department;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReadException;
import io.kpipulse.read.org.OrgReader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subject names as {@link OrgSubjectNames} answers them, from the whole tenant's names of the day kept for
 * {@code maxAge}: one query per tenant, day and subject type that often instead of one per answer (a dashboard
 * answered from memory would otherwise spend most of its time asking for the names of its page). The org
 * directory has no change feed, so a rename shows after at most {@code maxAge}. Names are personal data: kept in
 * memory for answers, never logged.
 */
public final class KeptSubjectNames implements SubjectNames {

    private static final Logger LOG = LoggerFactory.getLogger(KeptSubjectNames.class);

    /** Days × tenants × types kept at once; the oldest read goes first. */
    private static final int MAX_KEPT = 64;

    private record Key(String tenant, LocalDate day, boolean employees) {}

    private record Kept(Map<String, String> names, long readNanos) {}

    private final OrgReader reader;
    private final Duration maxAge;
    private final LongSupplier nanoTime;
    private final Map<Key, Kept> kept = new LinkedHashMap<>();

    public KeptSubjectNames(OrgReader reader, Duration maxAge, LongSupplier nanoTime) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public Map<String, String> of(Tenant tenant, LocalDate day, SubjectType type, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> all = names(tenant, day, type == SubjectType.EMPLOYEE);
        Map<String, String> out = new HashMap<>();
        for (String id : ids) {
            String name = all.get(id);
            if (name != null) {
                out.put(id, name);
            }
        }
        return out;
    }

    /** The tenant's names of the day, read again once older than the max age; one reader at a time. */
    private synchronized Map<String, String> names(Tenant tenant, LocalDate day, boolean employees) {
        Key key = new Key(tenant.id(), day, employees);
        long now = nanoTime.getAsLong();
        Kept held = kept.get(key);
        if (held != null && now - held.readNanos() <= maxAge.toNanos()) {
            return held.names();
        }
        OrgDay orgDay = new OrgDay(tenant.id(), day, tenant.calendar().zone());
        Map<String, String> names;
        try {
            if (employees) {
                names = reader.names(orgDay);
            } else {
                names = new HashMap<>();
                for (Department d : reader.departments(orgDay)) {
                    names.put(d.id(), d.name());
                }
            }
        } catch (OrgReadException e) {
            // Ids and the cause only: names are personal data. Answers keep their ids; the next one asks again.
            LOG.warn("names of tenant {} unavailable: {}", tenant.id(), e.toString());
            return held == null ? Map.of() : held.names();
        }
        kept.remove(key);
        kept.put(key, new Kept(Map.copyOf(names), now));
        if (kept.size() > MAX_KEPT) {
            Iterator<Key> oldest = kept.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return names;
    }
}
