package io.kpipulse.org;

import java.io.Serializable;
import java.util.List;

/**
 * What one org event says about the directory, taking effect at {@code fromMillis} (the event's time).
 * {@link OrgChanges} is the one parser of org events: the engine's broadcast directory keeps the
 * {@link #directoryChanges()} it needs for attribution, the ClickHouse projection keeps the whole fact.
 */
public sealed interface OrgFact extends Serializable permits EmployeeFact, DepartmentFact, SupportLinkFact {

    String tenantId();

    long fromMillis();

    /** The changes of the engine's directory time lines (employee → department, department → parent). */
    List<OrgChange> directoryChanges();
}
