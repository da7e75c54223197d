package io.kpipulse.org;

import java.util.List;

/**
 * A department created, renamed or re-parented, from {@code fromMillis} on. Each change sets only what it
 * says: the name on {@link Change#CREATED} and {@link Change#RENAMED}, the parent (null: the root) on
 * {@link Change#CREATED} and {@link Change#REPARENTED}, type and function on {@link Change#CREATED};
 * the other fields are null.
 */
public record DepartmentFact(
        String tenantId,
        String departmentId,
        long fromMillis,
        Change change,
        String name,
        String parentId,
        String type,
        String function)
        implements OrgFact {

    public enum Change {
        CREATED,
        RENAMED,
        REPARENTED;

        public boolean setsParent() {
            return this != RENAMED;
        }
    }

    @Override
    public List<OrgChange> directoryChanges() {
        if (!change.setsParent()) {
            return List.of();
        }
        return List.of(new OrgChange(tenantId, OrgChange.Kind.DEPARTMENT_PARENT, departmentId, fromMillis, parentId));
    }
}
