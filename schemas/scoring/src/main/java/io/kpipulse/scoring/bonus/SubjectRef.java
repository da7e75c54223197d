package io.kpipulse.scoring.bonus;

/**
 * Whose indicator a bonus component reads: the employee ({@code SELF}), the employee's own department, or
 * a named department (another department's result: claims for finance, sales for HR).
 *
 * @param departmentId only for {@code DEPARTMENT}
 */
public record SubjectRef(Kind kind, String departmentId) {

    public enum Kind {
        SELF,
        OWN_DEPARTMENT,
        DEPARTMENT
    }

    public static SubjectRef self() {
        return new SubjectRef(Kind.SELF, null);
    }

    public static SubjectRef department(String id) {
        return new SubjectRef(Kind.DEPARTMENT, id);
    }

    public String describe() {
        return kind == Kind.DEPARTMENT ? "department " + departmentId : kind.name();
    }
}
