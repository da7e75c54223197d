package io.kpipulse.read.org;

import io.kpipulse.read.sql.Connections;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one reader of the org directory's time lines ({@code org_*} tables, V003), as of a day ({@link OrgDay}).
 * Every value from a caller is a bound parameter; each method asks ClickHouse one or two questions however
 * large the tenant, and the whole-org questions (tree, members, heads, subtrees) come from one
 * {@link #snapshot}, so a caller that asks several of them on one day reads once.
 *
 * <p>Every table is read {@code FINAL}: a row replayed by the engine exists in identical copies until a merge.
 * A change counts from its instant; a leave only just after it, as in the engine's directory.
 */
public final class OrgReader {

    /** Above this many ids, names and pay are read for the whole tenant and picked here: one short query. */
    static final int MAX_IN_LIST = 2_000;

    private static final String AT = "fromUnixTimestamp64Milli(toInt64(?), 'UTC')";

    private static final String DEPARTMENTS = "SELECT department_id,"
            + " argMaxIf(name, valid_from, change IN ('CREATED', 'RENAMED')) AS name,"
            + " argMaxIf(parent_id, valid_from, change IN ('CREATED', 'REPARENTED')) AS parent_id,"
            + " argMaxIf(department_type, valid_from, change = 'CREATED') AS department_type,"
            + " argMaxIf(function, valid_from, change = 'CREATED') AS function,"
            + " countIf(change IN ('CREATED', 'REPARENTED')) AS placed"
            + " FROM org_department_lines FINAL WHERE tenant_id = ? AND valid_from <= " + AT
            + " GROUP BY department_id HAVING placed > 0";

    private static final String ONE_DEPARTMENT =
            DEPARTMENTS.replace(" GROUP BY department_id", " AND department_id = ? GROUP BY department_id");

    private static final String PLACEMENTS = "SELECT employee_id,"
            + " argMax(change, valid_from) AS last_change, argMax(department_id, valid_from) AS department_id,"
            + " argMax(position, valid_from) AS position, argMax(manager_id, valid_from) AS manager_id"
            + " FROM org_employee_lines FINAL WHERE tenant_id = ?"
            + " AND (valid_from < " + AT + " OR (valid_from = " + AT + " AND change != 'LEFT'))"
            + " GROUP BY employee_id HAVING last_change != 'LEFT'";

    private static final String LINES = "SELECT toUnixTimestamp64Milli(valid_from) AS from_ms, change, department_id,"
            + " position, manager_id, toString(business_date) AS business_date"
            + " FROM org_employee_lines FINAL WHERE tenant_id = ? AND employee_id = ? ORDER BY valid_from";

    private static final String PERSONAL = "SELECT employee_id, argMax(name, valid_from) AS name,"
            + " argMax(base_pay, valid_from) AS base_pay"
            + " FROM org_employee_personal FINAL WHERE tenant_id = ? AND valid_from <= " + AT;

    private static final String LINKS = "SELECT support_department_id, business_department_id,"
            + " argMax(active, valid_from) AS active FROM org_support_links FINAL"
            + " WHERE tenant_id = ? AND valid_from <= " + AT
            + " GROUP BY support_department_id, business_department_id HAVING active = 1"
            + " ORDER BY support_department_id, business_department_id";

    private final Connections connections;

    public OrgReader(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** The whole org as of the day: departments and placements (two queries, no personal data). */
    public OrgSnapshot snapshot(OrgDay day) {
        long at = day.instantMillis();
        List<Department> departments = query(DEPARTMENTS, List.of(day.tenantId(), at), OrgReader::department);
        List<Placement> placements = query(
                PLACEMENTS,
                List.of(day.tenantId(), at, at),
                rs -> new Placement(
                        rs.getString("employee_id"),
                        rs.getString("department_id"),
                        rs.getString("position"),
                        emptyToNull(rs.getString("manager_id"))));
        return new OrgSnapshot(day, departments, placements);
    }

    /** Every department as of the day, without placements (one query): names for rankings and scorecards. */
    public List<Department> departments(OrgDay day) {
        return query(DEPARTMENTS, List.of(day.tenantId(), day.instantMillis()), OrgReader::department);
    }

    /** One department as of the day (one query); empty when it does not exist then. */
    public Optional<Department> department(OrgDay day, String departmentId) {
        return query(ONE_DEPARTMENT, List.of(day.tenantId(), day.instantMillis(), departmentId), OrgReader::department)
                .stream()
                .findFirst();
    }

    /** Departments as of the day, parents before children. */
    public List<Department> tree(OrgDay day) {
        return snapshot(day).departments();
    }

    /** The employee ids of a department's subtree as of the day (empty for an unknown department). */
    public List<String> subtreeEmployeeIds(OrgDay day, String departmentId) {
        return List.copyOf(snapshot(day).subtreeEmployeeIds(departmentId));
    }

    /** The head of a department as of the day ({@link HeadRule}). */
    public Optional<String> head(OrgDay day, String departmentId) {
        return snapshot(day).head(departmentId);
    }

    /** The departments an employee heads as of the day; their scope is these departments' subtrees. */
    public List<String> departmentsHeadedBy(OrgDay day, String employeeId) {
        return snapshot(day).departmentsHeadedBy(employeeId);
    }

    /** An employee's record as of the day and whole history; empty when the directory never knew them. */
    public Optional<EmployeeRecord> employee(OrgDay day, String employeeId) {
        List<EmployeeLine> lines = query(
                LINES,
                List.of(day.tenantId(), employeeId),
                rs -> new EmployeeLine(
                        Instant.ofEpochMilli(rs.getLong("from_ms")),
                        rs.getString("change"),
                        rs.getString("department_id"),
                        emptyToNull(rs.getString("position")),
                        emptyToNull(rs.getString("manager_id")),
                        LocalDate.parse(rs.getString("business_date"))));
        return EmployeeRecord.of(employeeId, lines, day);
    }

    /**
     * Display names as of the day (personal data: callers must not log them). Ids the directory did not
     * know by then are absent from the map.
     */
    public Map<String, String> names(OrgDay day, Collection<String> employeeIds) {
        Map<String, String> out = new TreeMap<>();
        personal(day, employeeIds, rs -> out.put(rs.getString("employee_id"), rs.getString("name")));
        return out;
    }

    /**
     * Every employee's display name as of the day (one query; personal data: callers must not log them), for a
     * caller that keeps the tenant's names rather than asking per answer.
     */
    public Map<String, String> names(OrgDay day) {
        Map<String, String> out = new TreeMap<>();
        query(PERSONAL + " GROUP BY employee_id", List.of(day.tenantId(), day.instantMillis()), rs -> {
            out.put(rs.getString("employee_id"), rs.getString("name"));
            return null;
        });
        return out;
    }

    /** Monthly base pay (CNY, exact) as of the day (personal data); ids unknown by then are absent. */
    public Map<String, BigDecimal> basePay(OrgDay day, Collection<String> employeeIds) {
        Map<String, BigDecimal> out = new TreeMap<>();
        personal(day, employeeIds, rs -> out.put(rs.getString("employee_id"), rs.getBigDecimal("base_pay")));
        return out;
    }

    /** Support links in force as of the day. */
    public List<SupportLink> supportLinks(OrgDay day) {
        return query(
                LINKS,
                List.of(day.tenantId(), day.instantMillis()),
                rs -> new SupportLink(rs.getString("support_department_id"), rs.getString("business_department_id")));
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private void personal(OrgDay day, Collection<String> employeeIds, RowConsumer consumer) {
        LinkedHashSet<String> ids = new LinkedHashSet<>(employeeIds);
        if (ids.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(List.of(day.tenantId(), day.instantMillis()));
        String sql;
        if (ids.size() <= MAX_IN_LIST) {
            sql = PERSONAL + " AND employee_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?"))
                    + ") GROUP BY employee_id";
            params.addAll(ids);
        } else {
            sql = PERSONAL + " GROUP BY employee_id";
        }
        query(sql, params, rs -> {
            if (ids.contains(rs.getString("employee_id"))) {
                consumer.accept(rs);
            }
            return null;
        });
    }

    private <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper) {
        try (Connection connection = connections.open();
                PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Long n) {
                    ps.setLong(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    T row = mapper.map(rs);
                    if (row != null) {
                        rows.add(row);
                    }
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new OrgReadException("ClickHouse did not answer an org directory query", e);
        }
    }

    private static Department department(ResultSet rs) throws SQLException {
        return new Department(
                rs.getString("department_id"),
                rs.getString("name"),
                emptyToNull(rs.getString("parent_id")),
                rs.getString("department_type"),
                rs.getString("function"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
