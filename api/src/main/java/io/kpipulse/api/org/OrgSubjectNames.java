package io.kpipulse.api.org;

import io.kpipulse.api.indicators.SubjectNames;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.read.org.Department;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReadException;
import io.kpipulse.read.org.OrgReader;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subject names from the org directory as of the day asked: employees by their recorded name, departments
 * (and served departments) by their name that day. One query per answer. A name is an addition to a value,
 * not the value: when the directory cannot be read the answer keeps its ids and the failure is logged.
 */
public final class OrgSubjectNames implements SubjectNames {

    private static final Logger LOG = LoggerFactory.getLogger(OrgSubjectNames.class);

    private final OrgReader reader;

    public OrgSubjectNames(OrgReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public Map<String, String> of(Tenant tenant, LocalDate day, SubjectType type, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        OrgDay orgDay = new OrgDay(tenant.id(), day, tenant.calendar().zone());
        try {
            if (type == SubjectType.EMPLOYEE) {
                return reader.names(orgDay, ids);
            }
            Set<String> wanted = new HashSet<>(ids);
            Map<String, String> out = new TreeMap<>();
            for (Department d : reader.departments(orgDay)) {
                if (wanted.contains(d.id())) {
                    out.put(d.id(), d.name());
                }
            }
            return out;
        } catch (OrgReadException e) {
            // Ids and the cause only: names are personal data.
            LOG.warn(
                    "names of {} {} subjects of tenant {} unavailable: {}",
                    ids.size(),
                    type,
                    tenant.id(),
                    e.toString());
            return Map.of();
        }
    }
}
