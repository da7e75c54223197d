package io.kpipulse.read.org;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole org of a tenant as of one day: departments and where every employee works, without names or
 * pay. Answers tree, membership and head questions in memory, so a caller asks ClickHouse once.
 *
 * <p>Departments are listed parents before children (roots by id, then depth first, children by id). A
 * department whose parent is not in the tree that day counts as a root; departments caught in a parent
 * cycle (a bad re-parenting) come last, by id.
 */
public final class OrgSnapshot {

    private final OrgDay day;
    private final Map<String, Department> departments = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, List<Placement>> members = new HashMap<>();
    private final Map<String, Placement> placements = new LinkedHashMap<>();
    private final Map<String, Optional<String>> heads = new HashMap<>();

    public OrgSnapshot(OrgDay day, Collection<Department> departments, Collection<Placement> placements) {
        this.day = day;
        Map<String, Department> byId = new TreeMap<>();
        departments.forEach(d -> byId.put(d.id(), d));
        for (Department d : byId.values()) {
            if (d.parentId() != null && byId.containsKey(d.parentId())) {
                children.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d.id());
            }
        }
        for (Department d : byId.values()) {
            if (d.parentId() == null || !byId.containsKey(d.parentId())) {
                addDepthFirst(d.id(), byId);
            }
        }
        byId.values().forEach(d -> this.departments.putIfAbsent(d.id(), d)); // cycles: last
        placements.stream().sorted(Comparator.comparing(Placement::employeeId)).forEach(p -> {
            this.placements.put(p.employeeId(), p);
            members.computeIfAbsent(p.departmentId(), k -> new ArrayList<>()).add(p);
        });
    }

    private void addDepthFirst(String root, Map<String, Department> byId) {
        Deque<String> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            String id = stack.pop();
            if (departments.putIfAbsent(id, byId.get(id)) != null) {
                continue;
            }
            List<String> kids = children.getOrDefault(id, List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(kids.get(i));
            }
        }
    }

    public OrgDay day() {
        return day;
    }

    /** Every department that day, parents before children. */
    public List<Department> departments() {
        return List.copyOf(departments.values());
    }

    public Optional<Department> department(String id) {
        return Optional.ofNullable(departments.get(id));
    }

    /** Where the employee works that day; empty when not employed then. */
    public Optional<Placement> placement(String employeeId) {
        return Optional.ofNullable(placements.get(employeeId));
    }

    /** The department's direct members, by employee id. */
    public List<Placement> directMembers(String departmentId) {
        return List.copyOf(members.getOrDefault(departmentId, List.of()));
    }

    /** The department and every department below it that day, the department first. */
    public List<String> subtree(String departmentId) {
        if (!departments.containsKey(departmentId)) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        stack.push(departmentId);
        while (!stack.isEmpty()) {
            String id = stack.pop();
            if (seen.add(id)) {
                List<String> kids = children.getOrDefault(id, List.of());
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.push(kids.get(i));
                }
            }
        }
        return List.copyOf(seen);
    }

    /** Members of the department, or of its whole subtree, by department in tree order then employee id. */
    public List<Placement> members(String departmentId, boolean subtree) {
        if (!subtree) {
            return directMembers(departmentId);
        }
        List<Placement> out = new ArrayList<>();
        for (String id : subtree(departmentId)) {
            out.addAll(members.getOrDefault(id, List.of()));
        }
        return out;
    }

    /** The employee ids of the subtree: who the values reader ranks within a department. */
    public Set<String> subtreeEmployeeIds(String departmentId) {
        Set<String> ids = new LinkedHashSet<>();
        members(departmentId, true).forEach(p -> ids.add(p.employeeId()));
        return ids;
    }

    /** The head by {@link HeadRule}; empty when the department has none that day. */
    public Optional<String> head(String departmentId) {
        return heads.computeIfAbsent(departmentId, id -> HeadRule.headOf(members.getOrDefault(id, List.of())));
    }

    /**
     * The heads over a department: its own head first, then those of its ancestors up to the root (a
     * department without a head that day is skipped). Each of them has the department in their scope.
     */
    public List<String> headsOver(String departmentId) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String current = departmentId;
        while (current != null && departments.containsKey(current) && seen.add(current)) {
            head(current).filter(h -> !out.contains(h)).ifPresent(out::add);
            current = departments.get(current).parentId();
        }
        return out;
    }

    /**
     * The departments the employee heads that day, in tree order (at most their own department under
     * {@link HeadRule}). Their scope is the subtrees of these; a head moved away loses them from the day of
     * the move.
     */
    public List<String> departmentsHeadedBy(String employeeId) {
        Placement p = placements.get(employeeId);
        // A head is a direct member of what they head, so only their own department can be theirs.
        if (p == null || !departments.containsKey(p.departmentId())) {
            return List.of();
        }
        return head(p.departmentId()).filter(employeeId::equals).isPresent() ? List.of(p.departmentId()) : List.of();
    }
}
