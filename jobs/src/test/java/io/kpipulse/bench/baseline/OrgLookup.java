package io.kpipulse.bench.baseline;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/** The static org lookup of {@link BaselineEvents#writeOrg}, read once, and the two SQL functions over it. */
final class OrgLookup implements Serializable {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> departmentOf = new HashMap<>();
    private final HashMap<String, String[]> pathOf = new HashMap<>();

    static OrgLookup read(Path file) throws IOException {
        OrgLookup lookup = new OrgLookup();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] p = line.split("\t", -1);
            lookup.put(p[0], p[1], p[2], p[3]);
        }
        return lookup;
    }

    /** One line of the file: {@code E tenant employee department} or {@code D tenant department path}. */
    void put(String kind, String tenant, String id, String value) {
        if (kind.equals("E")) {
            departmentOf.put(tenant + "|" + id, value);
        } else {
            pathOf.put(tenant + "|" + id, value.split(","));
        }
    }

    /** {@code DEPT_OF(tenant, employee)}: the employee's department in the lookup, null when unknown. */
    public static final class DepartmentOf extends ScalarFunction {
        private static final long serialVersionUID = 1L;
        private final Map<String, String> departments;

        DepartmentOf(OrgLookup lookup) {
            this.departments = lookup.departmentOf;
        }

        public String eval(String tenant, String employee) {
            return employee == null ? null : departments.get(tenant + "|" + employee);
        }
    }

    /**
     * {@code LATERAL TABLE(TARGETS(tenant, employee, department, day, month, has_day, for_employee, for_department))}:
     * the (subject, window instance) pairs an item counts for: the employee and the department with each of its
     * ancestors (nearest first), each for the DAY (when the indicator has one) and the month to date.
     */
    @FunctionHint(
            output =
                    @DataTypeHint(
                            "ROW<subject_type STRING, subject_id STRING, window_type STRING, window_start STRING>"))
    public static final class Targets extends TableFunction<Row> {
        private static final long serialVersionUID = 1L;
        private final Map<String, String[]> paths;

        Targets(OrgLookup lookup) {
            this.paths = lookup.pathOf;
        }

        public void eval(
                String tenant,
                String employee,
                String department,
                String day,
                String month,
                Boolean hasDay,
                Boolean forEmployee,
                Boolean forDepartment) {
            if (forEmployee && employee != null) {
                emit("EMPLOYEE", employee, day, month, hasDay);
            }
            if (forDepartment && department != null) {
                for (String d : paths.getOrDefault(tenant + "|" + department, new String[] {department})) {
                    emit("DEPARTMENT", d, day, month, hasDay);
                }
            }
        }

        private void emit(String subjectType, String subject, String day, String month, boolean hasDay) {
            if (hasDay) {
                collect(Row.of(subjectType, subject, "DAY", day));
            }
            collect(Row.of(subjectType, subject, "MONTH_TO_DATE", month));
        }
    }
}
