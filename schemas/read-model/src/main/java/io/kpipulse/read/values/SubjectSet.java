package io.kpipulse.read.values;

import java.util.List;
import java.util.Objects;

/**
 * Which subjects of a type a bulk read covers: listed ids, a department's subtree, or every subject.
 *
 * <p>A subtree is the engine's attribution, not the org directory's: a value belongs to it when the
 * department path stored with its newest row (for a rolling window assembled from days: the newest day's)
 * contains the department. An employee's path is their department and its ancestors; a department's is
 * itself and its ancestors. Callers that need the org as of a day resolve ids through the org reader and
 * pass {@link #ids}.
 *
 * @param ids          the subjects listed (kind IDS), else empty
 * @param departmentId the subtree's root (kind SUBTREE), else null
 */
public record SubjectSet(Kind kind, List<String> ids, String departmentId) {

    public enum Kind {
        IDS,
        SUBTREE,
        ALL
    }

    public SubjectSet {
        Objects.requireNonNull(kind, "kind");
        ids = List.copyOf(ids);
        if (kind == Kind.SUBTREE) {
            Objects.requireNonNull(departmentId, "departmentId");
        } else if (departmentId != null) {
            throw new IllegalArgumentException("only a subtree names a department");
        }
        if (kind != Kind.IDS && !ids.isEmpty()) {
            throw new IllegalArgumentException("only an id set lists ids");
        }
    }

    /** These subjects (none: nothing is read). */
    public static SubjectSet ids(List<String> ids) {
        return new SubjectSet(Kind.IDS, ids, null);
    }

    /** The subjects whose values are attributed to this department or a department below it. */
    public static SubjectSet subtree(String departmentId) {
        return new SubjectSet(Kind.SUBTREE, List.of(), departmentId);
    }

    /** Every subject of the type in the tenant. */
    public static SubjectSet all() {
        return new SubjectSet(Kind.ALL, List.of(), null);
    }
}
