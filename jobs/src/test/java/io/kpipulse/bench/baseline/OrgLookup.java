package io.kpipulse.bench.baseline;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.functions.ScalarFunction;

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

    /** {@code ANCESTORS(tenant, department)}: the department and its ancestors, nearest first; empty when null. */
    public static final class Ancestors extends ScalarFunction {
        private static final long serialVersionUID = 1L;
        private static final String[] NONE = new String[0];
        private final Map<String, String[]> paths;

        Ancestors(OrgLookup lookup) {
            this.paths = lookup.pathOf;
        }

        public String[] eval(String tenant, String department) {
            if (department == null) {
                return NONE;
            }
            return paths.getOrDefault(tenant + "|" + department, new String[] {department});
        }
    }
}
