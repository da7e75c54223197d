package io.kpipulse.indicators;

import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import java.util.List;
import java.util.function.Consumer;

/**
 * Addresses an item to every subject it counts for (catalog README, Subjects): its employee, its
 * department and every ancestor, and for linked indicators the served department and its ancestors.
 */
public final class SubjectFanOut {

    private SubjectFanOut() {}

    public static void fanOut(IndicatorDefinition definition, Item item, String zoneId, Consumer<SubjectItem> out) {
        Attribution who = item.attribution();
        if (definition.subjects().contains(SubjectType.EMPLOYEE) && who.employeeId() != null) {
            out.accept(new SubjectItem(SubjectType.EMPLOYEE, who.employeeId(), who.departmentPath(), zoneId, item));
        }
        if (definition.subjects().contains(SubjectType.DEPARTMENT)) {
            ancestors(SubjectType.DEPARTMENT, who.departmentPath(), zoneId, item, out);
        }
        if (definition.subjects().contains(SubjectType.SERVED_DEPARTMENT)) {
            ancestors(SubjectType.SERVED_DEPARTMENT, who.servedPath(), zoneId, item, out);
        }
    }

    private static void ancestors(
            SubjectType type, List<String> path, String zoneId, Item item, Consumer<SubjectItem> out) {
        for (int i = 0; i < path.size(); i++) {
            out.accept(new SubjectItem(type, path.get(i), List.copyOf(path.subList(i, path.size())), zoneId, item));
        }
    }
}
