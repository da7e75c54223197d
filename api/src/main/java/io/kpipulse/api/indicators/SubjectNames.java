package io.kpipulse.api.indicators;

import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * Display names of subjects as of a day, for answers that would otherwise show only ids. An employee's name
 * is personal data: it goes into answers for callers whose scope shows that employee, never into a log.
 */
@FunctionalInterface
public interface SubjectNames {

    /** Names of {@code ids}; ids the org directory does not know that day are absent. */
    Map<String, String> of(Tenant tenant, LocalDate day, SubjectType type, Collection<String> ids);

    /** No org directory: answers carry ids only. */
    static SubjectNames none() {
        return (tenant, day, type, ids) -> Map.of();
    }
}
