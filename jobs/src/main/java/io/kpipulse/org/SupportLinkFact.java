package io.kpipulse.org;

import java.time.LocalDate;
import java.util.List;

/**
 * A support department starts ({@code active}) or stops serving a business department, from {@code fromMillis}
 * on; {@code effectiveDate} is the date the source system recorded. Not part of the engine's attribution
 * directory (served departments come from the events themselves), so it implies no directory change.
 */
public record SupportLinkFact(
        String tenantId,
        String supportDepartmentId,
        String businessDepartmentId,
        long fromMillis,
        boolean active,
        LocalDate effectiveDate)
        implements OrgFact {

    @Override
    public List<OrgChange> directoryChanges() {
        return List.of();
    }
}
